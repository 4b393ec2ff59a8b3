-- Chart 3: hotline units unreachable per region and quarter of the report year, zeros included, and
-- whether the quarter's feed says it is a constructed sample (its rows' note says so).
with hotline as (
    select * from spot_check
    where channel = 'hotline' and quarter like $year::varchar || 'Q%'
),

quarters as (
    select
        quarter,
        bool_or(coalesce(note, '') ilike '%constructed%') as constructed
    from hotline
    group by quarter
),

provinces as (
    select distinct province from hotline
),

failures as (
    select
        province,
        quarter,
        count(*) as unreachable_units
    from hotline
    where result = 'unreachable'
    group by province, quarter
)

select
    provinces.province,
    quarters.quarter,
    quarters.constructed,
    coalesce(failures.unreachable_units, 0) as unreachable_units
from provinces
cross join quarters
left join failures using (province, quarter)
order by provinces.province, quarters.quarter;
