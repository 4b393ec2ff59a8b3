-- Key-field completeness by city and month, for the cities with the lowest completeness overall.
with cities as (
    select
        province,
        city,
        sum(complete_records) / sum(records) as overall
    from complaint_quality
    group by province, city
    order by overall asc, province asc, city asc
    limit $cities
),

final as (
    select
        strftime(quality.month, '%Y-%m') as month,
        quality.province || ' ' || quality.city as city,
        quality.records,
        quality.key_field_completeness_pct,
        quality.entered_late_pct
    from complaint_quality as quality
    inner join cities using (province, city)
    order by all
)

select * from final
