-- Per quarter: the summary's 全国 row beside the sums of its province rows.
with provinces as (
    select
        quarter,
        sum(units_checked) as provinces_checked,
        sum(units_reachable) as provinces_reachable
    from spot_check_summary
    group by quarter
),

nationals as (
    select * from spot_check_national
),

final as (
    select
        coalesce(n.quarter, p.quarter) as quarter,
        n.units_checked as national_checked,
        p.provinces_checked,
        n.units_reachable as national_reachable,
        p.provinces_reachable
    from nationals as n
    full outer join provinces as p using (quarter)
    order by all
)

select * from final
