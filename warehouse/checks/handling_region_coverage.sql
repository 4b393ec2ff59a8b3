-- How many rows each known region has per report year and stage (every one should have exactly 1).
with regions as (
    select province from region
),

years as (
    select distinct report_year from bulletin
),

stages as (
    select unnest(['acceptance', 'completion']) as stage
),

provinces as (
    select * from handling_by_province
),

expected as (
    select
        years.report_year,
        stages.stage,
        regions.province
    from years cross join stages cross join regions
),

final as (
    select
        expected.report_year,
        expected.stage,
        expected.province,
        count(provinces.province) as rows_in_table
    from expected
    left join provinces using (report_year, stage, province)
    group by all
    order by all
)

select * from final
