-- For each year whose four quarters are all in the warehouse: each hotline unit's failed quarters in
-- the feeds beside the "(N次)" of the annual notice's 附件1.
create or replace view hotline_reconciliation as
with feeds as (
    select * from spot_check_feed
),

complete_years as (
    select cast(left(quarter, 4) as integer) as report_year
    from feeds
    group by 1
    having count(distinct quarter) = 4
),

feed_units as (
    select
        cast(left(quarter, 4) as integer) as report_year,
        province,
        level,
        unit,
        count(*) filter (where result = 'unreachable') as feed_failed_checks
    from spot_check
    where channel = 'hotline'
    group by all
),

notice_units as (
    select
        report_year,
        province,
        level,
        unit,
        failed_checks as bulletin_failed_checks
    from hotline_check
),

final as (
    select
        coalesce(n.report_year, f.report_year) as report_year,
        coalesce(n.province, f.province) as province,
        coalesce(n.level, f.level) as level,
        coalesce(n.unit, f.unit) as unit,
        n.bulletin_failed_checks,
        f.feed_failed_checks,
        coalesce(n.bulletin_failed_checks = f.feed_failed_checks, false) as agrees
    from notice_units as n
    full outer join feed_units as f using (report_year, province, level, unit)
    where coalesce(n.report_year, f.report_year) in (select cy.report_year from complete_years as cy)
)

select * from final;
comment on view hotline_reconciliation is 'For each year with all four quarterly feeds: each hotline unit''s quarters failed in the feeds (feed_failed_checks) beside the notice''s "(N次)" (bulletin_failed_checks); agrees is false where they differ or the unit is missing on one side.';
