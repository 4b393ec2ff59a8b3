-- Chart 6: the share of reports naming each pollution type, month by month, from the monthly
-- bulletins (the first release stating a month); a month not stated is NULL, drawn as a gap.
with shares as (
    select
        f.period_start as month,
        f.category as pollution,
        f.value as share_pct,
        f.source_file,
        row_number() over (partition by f.period_start, f.category order by f.release_id) as pick
    from bulletin_figure as f
    where
        f.measure = 'pollution_share_pct' and f.region is null
        and f.period_start = date_trunc('month', f.period_start) and f.period_end = last_day(f.period_start)
),

months as (
    select cast(unnest(generate_series(min(month), max(month), interval 1 month)) as date) as month
    from shares
),

types as (
    select distinct pollution from shares
),

final as (
    select
        m.month,
        t.pollution,
        s.share_pct,
        s.source_file
    from months as m
    cross join types as t
    left join shares as s on m.month = s.month and t.pollution = s.pollution and s.pick = 1
    order by m.month, t.pollution
)

select * from final;
