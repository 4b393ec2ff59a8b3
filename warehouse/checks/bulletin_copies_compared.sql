-- Figures two documents state differently; one row for each pair (empty when the copies agree).
with conflicts as (
    select * from figure_conflict
),

final as (
    select
        *,
        false as copies_agree
    from conflicts
)

select * from final
