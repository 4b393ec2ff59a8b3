-- Every stated 环比 / 同比 beside the change computed from the counts in the warehouse.
create or replace view stated_change_check as
with figures as (
    select * from bulletin_figure
),

stated as (
    select * from figures
    where measure in ('reports_mom_pct', 'reports_yoy_pct')
),

counts as (
    select * from figures
    where measure = 'reports'
),

periods as (
    select
        *,
        -- 同比: the same period a year before; 环比: the period of the same length just before
        case
            when measure = 'reports_yoy_pct' then cast(period_start - interval 1 year as date)
            else cast(period_start - date_diff('month', period_start, period_end + 1) * interval 1 month as date)
        end as base_start,
        case
            when measure = 'reports_yoy_pct' then last_day(cast(period_end - interval 1 year as date))
            else period_start - 1
        end as base_end
    from stated
),

with_counts as (
    select
        p.*,
        (
            select c.value from counts as c
            where
                c.period_start = p.period_start and c.period_end = p.period_end
                and c.region is not distinct from p.region and c.category is not distinct from p.category
            order by c.release_id = p.release_id desc, c.release_id asc
            limit 1
        ) as current_reports,
        (
            select c.value from counts as c
            where
                c.period_start = p.base_start and c.period_end = p.base_end
                and c.region is not distinct from p.region and c.category is not distinct from p.category
            order by c.release_id asc
            limit 1
        ) as base_reports
    from periods as p
),

final as (
    select
        release_id,
        source_file,
        source_line,
        period_start,
        period_end,
        region,
        measure,
        category,
        value as stated_pct,
        base_start,
        base_end,
        current_reports,
        base_reports,
        round(100.0 * (current_reports / nullif(base_reports, 0) - 1), 4) as computed_pct,
        0.5 * power(10, -decimals) as tolerance,
        abs(100.0 * (current_reports / nullif(base_reports, 0) - 1) - value) <= 0.5 * power(10, -decimals) + 1e-9 as agrees,
        quote
    from with_counts
    order by period_start, measure, category, region, release_id
)

select * from final;
comment on view stated_change_check is 'One row per 环比 (reports_mom_pct) or 同比 (reports_yoy_pct) figure in bulletin_figure, beside the change computed from the reports counts that bulletin_figure holds for both periods; agrees is true within the rounding of the printed figure, NULL when a count is missing.';
comment on column stated_change_check.release_id is 'The document stating the change (bulletin_release.release_id).';
comment on column stated_change_check.source_file is 'Landing file of the document.';
comment on column stated_change_check.source_line is 'Line of the landing file (of the page''s text, for HTML) the change is printed on.';
comment on column stated_change_check.period_start is 'First day of the period the change is about.';
comment on column stated_change_check.period_end is 'Last day of the period the change is about.';
comment on column stated_change_check.region is 'NULL for the nation; else the province as printed (short name, simplified script).';
comment on column stated_change_check.measure is '''reports_mom_pct'' (环比: against the period of the same number of months just before) or ''reports_yoy_pct'' (同比: against the same period a year before).';
comment on column stated_change_check.category is 'Channel, pollution type or industry the change is for (bulletin_figure.category); NULL for all reports.';
comment on column stated_change_check.stated_pct is 'The change as stated, percent on a 0-100 scale, signed as the text says (增长 positive, 下降 negative).';
comment on column stated_change_check.base_start is 'First day of the period compared against: period_start a year before (同比), or the first day of as many whole months as the period has, just before period_start (环比).';
comment on column stated_change_check.base_end is 'Last day of the period compared against: the last day of period_end''s month a year before (同比), or the day before period_start (环比).';
comment on column stated_change_check.current_reports is 'Reports stated for the period with the same region and category (bulletin_figure, measure reports): from the same document if it states them, else from the document with the lowest release_id; NULL when no document does.';
comment on column stated_change_check.base_reports is 'Reports stated for base_start to base_end with the same region and category, from the document with the lowest release_id that states them; NULL when none does.';
comment on column stated_change_check.computed_pct is '(current_reports / base_reports - 1) x 100, percent on a 0-100 scale rounded to 4 decimals; NULL when a count is missing or base_reports is 0.';
comment on column stated_change_check.tolerance is 'Half a unit of the stated figure''s last printed decimal (0.5 x 10^-decimals: 0.05 for 68.5), in percentage points.';
comment on column stated_change_check.agrees is 'True when the unrounded computed change is within tolerance of stated_pct (plus 1e-9 for floating point), false when not; NULL when computed_pct is NULL.';
comment on column stated_change_check.quote is 'The words the change was read from (simplified script, spaces removed).';
