-- Every share or rate a bulletin states (not the changes: 环比 and 同比 may exceed 100 or be negative).
with figures as (
    select * from bulletin_figure
),

final as (
    select
        release_id,
        source_file,
        source_line,
        measure,
        category,
        value
    from figures
    where measure in ('reports_share_pct', 'pollution_share_pct', 'industry_share_pct', 'on_time_pct')
)

select * from final
