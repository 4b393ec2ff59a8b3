-- Each detail row with whether checked_on falls inside its quarter, and whether the quarter column
-- matches the file name (<YYYY>Q<n>.csv|.xlsx).
with rows as (
    select * from spot_check
),

bounded as (
    select
        *,
        make_date(
            try_cast(left(quarter, 4) as integer),
            3 * try_cast(regexp_extract(quarter, '^\d{4}Q([1-4])$', 1) as integer) - 2,
            1
        ) as quarter_start
    from rows
),

final as (
    select
        quarter,
        province,
        unit,
        channel,
        checked_on,
        source_file,
        source_row,
        coalesce(checked_on >= quarter_start and checked_on < quarter_start + interval 3 month, false) as inside_quarter,
        coalesce(regexp_extract(source_file, '^(\d{4}Q[1-4])', 1) = quarter, false) as quarter_matches_file
    from bounded
)

select * from final
