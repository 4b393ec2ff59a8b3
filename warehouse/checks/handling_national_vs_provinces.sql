-- For each report year and stage: the 全国 row's late count beside the sum over the provinces.
with provinces as (
    select * from handling_by_province
),

nationals as (
    select * from handling_national
),

province_sums as (
    select
        report_year,
        stage,
        sum(late_count) as provinces_late_count
    from provinces
    group by report_year, stage
),

final as (
    select
        coalesce(n.report_year, p.report_year) as report_year,
        coalesce(n.stage, p.stage) as stage,
        n.late_count as national_late_count,
        p.provinces_late_count
    from nationals as n
    full outer join province_sums as p using (report_year, stage)
    order by all
)

select * from final
