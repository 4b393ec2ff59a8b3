insert into complaint_quality by name
-- Rows of complaint_rows (the records of some partitions, or all), each with the exact copies of its
-- record that complaint_copy lists.
with copies as (
    select
        complaint_id,
        count(*) as copies
    from complaint_copy
    group by complaint_id
),

flagged as (
    select
        complaint.*,
        coalesce(copies.copies, 0) as copies,
        complaint.target is not null
        and complaint.pollution_types is not null
        and complaint.industry is not null
        and (not complaint.accepted or complaint.outcome is not null) as complete,
        coalesce(epoch(complaint.entered_at) - epoch(complaint.reported_at) > $late_entry_hours * 3600, false) as late
    from complaint_rows as complaint
    left join copies using (complaint_id)
),

final as (
    select
        date_trunc('month', reported_at)::date as month,
        province,
        city,
        count(*) as records,
        count_if(target is null) as missing_target,
        count_if(accepted and outcome is null) as missing_outcome,
        count_if(pollution_types is null) as missing_pollution,
        count_if(industry is null) as missing_industry,
        count_if(late) as entered_late,
        sum(copies)::bigint as duplicates_dropped,
        count_if(complete) as complete_records,
        -- Percentages rounded half up to 2 decimals in whole numbers: exact, and the same on DuckDB and
        -- Spark (rounding a double or a decimal quotient differs at halves such as 201 of 20000).
        (20000 * count_if(complete) + count(*)) // (2 * count(*)) / 100.0 as key_field_completeness_pct,
        (20000 * count_if(late) + count(*)) // (2 * count(*)) / 100.0 as entered_late_pct
    from flagged
    group by all
    order by all
)

select * from final
