-- Every count a bulletin states (reports, accepted, not accepted, completed), with whether it is whole.
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
        value,
        value = floor(value) as is_whole
    from figures
    where unit = 'reports'
)

select * from final
