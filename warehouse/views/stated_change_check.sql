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
comment on view stated_change_check is 'Every stated 环比 (reports_mom_pct) and 同比 (reports_yoy_pct) beside the change computed from the counts of both periods in the warehouse; agrees is true within the rounding of the printed figure, NULL when a count is missing.';
