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
comment on view hotline_reconciliation is 'One row per year and hotline unit, for the years whose four quarters are all in spot_check_feed: the unit''s unreachable quarterly checks in the feeds (spot_check) beside the "(N次)" printed after it in the notice''s 附件1 (hotline_check); a unit found on one side only has a row too.';
comment on column hotline_reconciliation.report_year is 'Year: of the feeds'' quarters (2017 for 2017Q1-2017Q4), and the year the notice reports on.';
comment on column hotline_reconciliation.province is 'Region short name as printed, in 附件1 or in the feed.';
comment on column hotline_reconciliation.level is '''provincial'' (the provincial bureau) or ''prefecture'' (a prefecture-level bureau).';
comment on column hotline_reconciliation.unit is 'The bureau checked: the province itself on a provincial row, else the prefecture as printed. A unit named differently in 附件1 and in the feed has two rows, one per side.';
comment on column hotline_reconciliation.bulletin_failed_checks is 'Quarterly checks the unit failed in the year according to the notice: the "(N次)" after its name in 附件1, 0 where none is printed (hotline_check.failed_checks); NULL when 附件1 of the year does not list the unit.';
comment on column hotline_reconciliation.feed_failed_checks is 'Quarters of the year whose feed found the unit''s 12369 hotline unreachable (spot_check rows of channel hotline with result unreachable; merged counts as reachable); NULL when no feed of the year has a hotline check of the unit.';
comment on column hotline_reconciliation.agrees is 'True when both sides list the unit with the same number of failed checks; false when the numbers differ or one side lacks the unit (never NULL).';
