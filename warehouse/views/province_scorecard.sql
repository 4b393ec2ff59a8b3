-- One row per region and year: how the region handled reports (附件3), how its bureaus answered the
-- hotline checks (附件1) and how many carry the online-reporting page (附件2), with ranks among the
-- regions of that year. The analysts' first stop; the example queries in warehouse/queries/ start here.
create or replace view province_scorecard as
with handling as (
    select * from province_handling
),

hotline as (
    select
        report_year,
        province,
        count(*) as hotline_units,
        count(*) filter (where result = 'unreachable') as hotline_unreachable_units,
        sum(failed_checks)::integer as hotline_failed_checks
    from hotline_check
    group by report_year, province
),

-- A unit the notice lists under two statuses (双鸭山 in 2017) counts as mounted and as without a page:
-- the notice says both, and the scorecard does not pick one.
portal as (
    select
        report_year,
        province,
        count(distinct unit) as portal_units,
        count(distinct unit) filter (where status = 'mounted') as portal_mounted_units,
        count(distinct unit) filter (where status <> 'mounted') as portal_without_page_units
    from portal_status
    group by report_year, province
),

joined as (
    select
        handling.*,
        hotline.hotline_units,
        hotline.hotline_unreachable_units,
        hotline.hotline_failed_checks,
        round(100.0 * (hotline.hotline_units - hotline.hotline_unreachable_units) / hotline.hotline_units, 1)
            as hotline_reachable_pct,
        portal.portal_units,
        portal.portal_mounted_units,
        portal.portal_without_page_units,
        round(100.0 * portal.portal_mounted_units / portal.portal_units, 1) as portal_mounted_pct
    from handling
    left join hotline using (report_year, province)
    left join portal using (report_year, province)
),

final as (
    select
        *,
        rank() over (
            partition by report_year order by on_time_accept_pct desc, avg_accept_days asc
        ) as acceptance_rank,
        rank() over (
            partition by report_year order by on_time_complete_pct desc, avg_complete_days asc
        ) as completion_rank,
        rank() over (
            partition by report_year order by hotline_reachable_pct desc nulls last, hotline_failed_checks asc
        ) as hotline_rank,
        rank() over (
            partition by report_year order by portal_mounted_pct desc nulls last
        ) as portal_rank
    from joined
)

select * from final;
comment on view province_scorecard is 'One row per region and year: both handling stages (附件3), hotline reachability (附件1), online-reporting page mounting (附件2) and the region''s rank on each among that year''s regions (1 = best; ties share a rank).';
