-- Key-field completeness by city and month over the latest $months months of records (the chart would
-- otherwise grow with every month of history), for the cities with the lowest completeness in them.
with window_months as (
    select max(month) - to_months($months - 1) as first_month
    from complaint_quality
),

recent as (
    select quality.*
    from complaint_quality as quality
    cross join window_months
    where quality.month >= window_months.first_month
),

cities as (
    select
        province,
        city,
        sum(complete_records) / sum(records) as overall
    from recent
    group by province, city
    order by overall asc, province asc, city asc
    limit $cities
),

final as (
    select
        strftime(recent.month, '%Y-%m') as month,
        recent.province || ' ' || recent.city as city,
        recent.records,
        recent.key_field_completeness_pct,
        recent.entered_late_pct
    from recent
    inner join cities using (province, city)
    order by all
)

select * from final
