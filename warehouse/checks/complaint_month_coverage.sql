-- For each year, the months any export covers (from the first to the last); each province with exports
-- in that year, and whether it has records for each of those months. The months with records come
-- from complaint_quality, which has a row for every month, province and city of table complaint.
with province_months as (
    select distinct
        province,
        month
    from complaint_quality
),

year_span as (
    select
        year(month) as report_year,
        min(month) as first_month,
        max(month) as last_month
    from province_months
    group by year(month)
),

provinces as (
    select distinct
        province,
        year(month) as report_year
    from province_months
),

expected as (
    select
        provinces.province,
        year_span.report_year,
        unnest(generate_series(year_span.first_month, year_span.last_month, interval 1 month))::date as month
    from year_span
    inner join provinces using (report_year)
),

final as (
    select
        expected.province,
        expected.report_year,
        strftime(expected.month, '%Y-%m') as month,
        province_months.month is not null as has_records
    from expected
    left join province_months using (province, month)
    order by all
)

select * from final
