-- Complaints that break the contract although every export passed reading (a second line of defence):
-- at most 1000 of them, each with what is wrong. An empty frame passes. Read from complaint_changed,
-- the records of the partitions the last build changed (all of them when it computed the tables
-- whole): every other record passed this check when it was published. Computed by the complaint step
-- with its engine (DuckDB, or Spark over the same raw zone); the check values_fit_the_contract reads it.
insert into complaint_violation by name
with problems as (
    select
        complaint_id,
        source_file,
        source_row,
        case
            when channel not in ('phone', 'wechat', 'web', 'other') then 'channel outside the vocabulary'
            when outcome not in ('substantiated', 'partly_substantiated', 'unsubstantiated', 'in_progress')
                then 'outcome outside the vocabulary'
            when
                array_length(
                    list_filter(
                        pollution_types, lambda t: t not in ('air', 'noise', 'water', 'solid_waste', 'radiation', 'ecology', 'other')
                    )
                )
                > 0
                then 'pollution type outside the vocabulary'
            when accepted_at < reported_at then 'accepted before reported'
            when completed_at < accepted_at then 'completed before accepted'
            -- $known_provinces: the regions of assets/reference/regions.csv, which table region holds.
            when not list_contains($known_provinces, province) then 'province not in table region'
        end as problem
    from complaint_changed
),

final as (
    select * from problems
    where problem is not null
    order by source_file, source_row
    limit 1000
)

select * from final
