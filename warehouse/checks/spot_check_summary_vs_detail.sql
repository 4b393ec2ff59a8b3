-- Per quarter and province: the summary's counts beside those counted from the detail (hotline
-- channel, both levels; merged counts as reachable), and the rate recomputed from the summary's counts.
with summary as (
    select
        quarter,
        province,
        units_checked,
        units_reachable,
        reachable_pct
    from spot_check_summary
    union all
    select
        quarter,
        '全国' as province,
        units_checked,
        units_reachable,
        reachable_pct
    from spot_check_national
),

detail as (
    select
        quarter,
        province,
        count(*) as units_checked,
        count(*) filter (where result in ('reachable', 'merged')) as units_reachable
    from spot_check
    where channel = 'hotline'
    group by quarter, province
),

detail_with_national as (
    select * from detail
    union all
    select
        quarter,
        '全国' as province,
        sum(units_checked) as units_checked,
        sum(units_reachable) as units_reachable
    from detail
    group by quarter
),

summarized_quarters as (
    select distinct quarter from summary
),

final as (
    select
        coalesce(s.quarter, d.quarter) as quarter,
        coalesce(s.province, d.province) as province,
        s.units_checked as summary_checked,
        d.units_checked as detail_checked,
        s.units_reachable as summary_reachable,
        d.units_reachable as detail_reachable,
        s.reachable_pct,
        -- half a unit of the second decimal, plus room for binary floating point
        abs(s.reachable_pct - 100.0 * s.units_reachable / nullif(s.units_checked, 0)) <= 0.005 + 1e-9 as pct_fits_counts
    from summary as s
    full outer join detail_with_national as d using (quarter, province)
    -- A quarter delivered without a summary is reported by every_feed_has_a_summary, not here.
    where coalesce(s.quarter, d.quarter) in (select sq.quarter from summarized_quarters as sq)
    order by all
)

select * from final
