-- The numbers the notice's text quotes, beside what its tables say.
-- tolerance is half a unit of the last printed decimal ("within rounding"); counts must match exactly.
with bulletins as (
    select * from bulletin
),

provinces as (
    select * from handling_by_province
),

nationals as (
    select * from handling_national
),

late_by_stage as (
    select
        report_year,
        stage,
        count(*) filter (where late_count > 0) as provinces_with_late,
        sum(late_count) as late_reports
    from provinces
    group by report_year, stage
),

statements as (
    select
        b.bulletin_id,
        '三: provinces with reports accepted late' as statement,
        b.narrative_late_accept_provinces::double as narrative_value,
        l.provinces_with_late::double as table_value,
        0.0 as tolerance
    from bulletins as b left join late_by_stage as l on b.report_year = l.report_year and l.stage = 'acceptance'
    union all
    select
        b.bulletin_id,
        '三: reports accepted late' as statement,
        b.narrative_late_accept_reports as narrative_value,
        l.late_reports as table_value,
        0.0 as tolerance
    from bulletins as b left join late_by_stage as l on b.report_year = l.report_year and l.stage = 'acceptance'
    union all
    select
        b.bulletin_id,
        '三: provinces with reports completed late' as statement,
        b.narrative_overdue_provinces as narrative_value,
        l.provinces_with_late as table_value,
        0.0 as tolerance
    from bulletins as b left join late_by_stage as l on b.report_year = l.report_year and l.stage = 'completion'
    union all
    select
        b.bulletin_id,
        '三: reports completed late' as statement,
        b.narrative_overdue_reports as narrative_value,
        l.late_reports as table_value,
        0.0 as tolerance
    from bulletins as b left join late_by_stage as l on b.report_year = l.report_year and l.stage = 'completion'
    union all
    select
        b.bulletin_id,
        '一: average acceptance days vs 附件3 全国' as statement,
        b.avg_accept_days as narrative_value,
        n.avg_days as table_value,
        0.5 * 10 ** -length(split_part(b.avg_accept_days_as_printed, '.', 2)) as tolerance
    from bulletins as b left join nationals as n on b.report_year = n.report_year and n.stage = 'acceptance'
    union all
    select
        b.bulletin_id,
        '一: average completion days vs 附件3 全国' as statement,
        b.avg_complete_days as narrative_value,
        n.avg_days as table_value,
        0.5 * 10 ** -length(split_part(b.avg_complete_days_as_printed, '.', 2)) as tolerance
    from bulletins as b left join nationals as n on b.report_year = n.report_year and n.stage = 'completion'
    union all
    select
        b.bulletin_id,
        '一: on-time completion rate vs 附件3 全国' as statement,
        b.on_time_completion_pct as narrative_value,
        n.on_time_pct as table_value,
        0.5 * 10 ** -length(split_part(b.on_time_completion_pct_as_printed, '.', 2)) as tolerance
    from bulletins as b left join nationals as n on b.report_year = n.report_year and n.stage = 'completion'
),

final as (
    select
        bulletin_id,
        statement,
        narrative_value,
        table_value,
        -- Rounded to 9 decimals so that binary floating point cannot turn a difference of exactly half a unit into 0.0500000001.
        round(abs(narrative_value - table_value), 9) as difference,
        tolerance
    from statements
)

select * from final
