-- Per document, period and region where all three are stated: accepted + not accepted beside the total.
with figures as (
    select * from bulletin_figure
    where category is null
),

by_statement as (
    select
        release_id,
        source_file,
        period_start,
        region,
        max(value) filter (where measure = 'reports') as total,
        max(value) filter (where measure = 'accepted') as accepted,
        max(value) filter (where measure = 'not_accepted') as not_accepted
    from figures
    group by release_id, source_file, period_start, period_end, region
),

final as (
    select
        *,
        accepted + not_accepted as accepted_and_not
    from by_statement
    where total is not null and accepted is not null and not_accepted is not null
    order by all
)

select * from final
