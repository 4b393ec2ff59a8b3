-- The stated changes that can be computed from the warehouse (both counts present).
with checked as (
    select * from stated_change_check
),

final as (
    select * from checked
    where agrees is not null
)

select * from final
