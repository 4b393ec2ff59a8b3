-- For each year with an annual national total and all twelve monthly totals: the months' sum beside it.
-- Informational: monthly bulletins are first releases and get revised.
with months as (
    select
        year(month) as report_year,
        count(reports) as months_stated,
        sum(reports) as months_sum
    from reports_monthly
    group by year(month)
),

years as (
    select
        year(period_start) as report_year,
        min(value) as annual_total,
        max(value) as annual_total_max
    from bulletin_figure
    where
        measure = 'reports' and category is null and region is null
        and period_start = date_trunc('year', period_start) and period_end = last_day(period_start + interval 11 month)
    group by year(period_start)
),

final as (
    select
        y.report_year,
        y.annual_total,
        m.months_sum,
        round(100.0 * (m.months_sum / y.annual_total - 1), 2) as months_vs_year_pct,
        m.months_sum = y.annual_total as agrees
    from years as y
    inner join months as m on y.report_year = m.report_year
    where m.months_stated = 12
    order by all
)

select * from final
