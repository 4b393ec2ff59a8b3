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
comment on view province_scorecard is 'One row per region and year of province_handling: both handling stages (附件3), hotline reachability (附件1, hotline_check), online-reporting page mounting (附件2, portal_status) and the region''s rank on each among that year''s regions (1 = best; ties share a rank).';
comment on column province_scorecard.report_year is 'Year the notice reports on.';
comment on column province_scorecard.province is 'Region short name as printed in 附件3, inner spaces removed (北京, 内蒙古, 兵团); see table region.';
comment on column province_scorecard.full_name is 'Official full name of the region, e.g. 内蒙古自治区 (region.full_name); NULL if the name printed is not in table region.';
comment on column province_scorecard.macro_region is 'National Bureau of Statistics region: east, central, west or northeast (region.macro_region); NULL if the name printed is not in table region.';
comment on column province_scorecard.late_accepted is 'Reports not accepted on time (未按期受理数, acceptance table of 附件3); WeChat and web reports only, phone reports count as accepted at once.';
comment on column province_scorecard.on_time_accept_pct is 'Share of reports accepted on time (按期受理率), percent on a 0-100 scale as printed in 附件3.';
comment on column province_scorecard.avg_accept_days is 'Average days to accept a report (平均受理天数), as printed in 附件3.';
comment on column province_scorecard.overdue_completed is 'Reports completed after the deadline (超期办结数, completion table of 附件3), all channels.';
comment on column province_scorecard.on_time_complete_pct is 'Share of reports completed on time (按期办结率), percent on a 0-100 scale as printed in 附件3.';
comment on column province_scorecard.avg_complete_days is 'Average days to complete a report (平均办结天数), as printed in 附件3.';
comment on column province_scorecard.hotline_units is 'Bureaus of the region in 附件1 of the year, the provincial bureau and its prefecture-level bureaus (rows of hotline_check); NULL when 附件1 lists none.';
comment on column province_scorecard.hotline_unreachable_units is 'Of which unreachable (未拨通); merged units (answered by the municipal hotline) count as reachable. NULL when 附件1 lists none.';
comment on column province_scorecard.hotline_failed_checks is 'Quarterly checks the region''s bureaus failed in the year: the sum of the "(N次)" printed in 附件1 (hotline_check.failed_checks); NULL when 附件1 lists none.';
comment on column province_scorecard.hotline_reachable_pct is '(hotline_units - hotline_unreachable_units) / hotline_units x 100: the share of the region''s bureaus not unreachable, percent on a 0-100 scale rounded to 1 decimal; NULL when 附件1 lists none.';
comment on column province_scorecard.portal_units is 'Distinct bureaus of the region in 附件2 of the year (portal_status; a unit listed under two statuses counts once); NULL when 附件2 lists none.';
comment on column province_scorecard.portal_mounted_units is 'Of which listed as carrying the online-reporting page (挂载, mounted).';
comment on column province_scorecard.portal_without_page_units is 'Of which listed without the page: 未挂载, 无网站 or 链接故障 (not_mounted, no_website, link_failure). A unit listed under two statuses (双鸭山 in 2017) counts here and in portal_mounted_units, so the two can add up to more than portal_units.';
comment on column province_scorecard.portal_mounted_pct is 'portal_mounted_units / portal_units x 100, percent on a 0-100 scale rounded to 1 decimal; NULL when 附件2 lists none.';
comment on column province_scorecard.acceptance_rank is 'Rank among the year''s regions by on_time_accept_pct, highest first, ties broken by avg_accept_days, lowest first; 1 = best, equal values share a rank and the ranks after them are skipped.';
comment on column province_scorecard.completion_rank is 'Rank among the year''s regions by on_time_complete_pct, highest first, ties broken by avg_complete_days, lowest first; 1 = best, equal values share a rank and the ranks after them are skipped.';
comment on column province_scorecard.hotline_rank is 'Rank among the year''s regions by hotline_reachable_pct, highest first (regions with no 附件1 units last), ties broken by hotline_failed_checks, fewest first; 1 = best, equal values share a rank and the ranks after them are skipped.';
comment on column province_scorecard.portal_rank is 'Rank among the year''s regions by portal_mounted_pct, highest first (regions with no 附件2 units last), with no tie-break; 1 = best, equal values share a rank and the ranks after them are skipped.';
