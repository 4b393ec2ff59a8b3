-- Each hotline row with whether its hotline_opened fits its level (set on provincial rows, NULL on prefecture rows).
with checks as (
    select * from hotline_check
),

final as (
    select
        report_year,
        province,
        level,
        unit,
        hotline_opened,
        source_line,
        case level
            when 'provincial' then hotline_opened is not null
            when 'prefecture' then hotline_opened is null
            else true  -- an unknown level is reported by values_fit_the_contract
        end as opened_fits_level
    from checks
)

select * from final
