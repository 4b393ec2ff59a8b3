-- Complaint ids whose records differ between two places (files, or rows of one file): the first record
-- (files in name order, then record order) and the first one that differs from it. Exact copies are
-- not conflicts.
with raw_rows as (
    select
        complaint_id,
        source_file,
        source_row,
        row(
            reported_at, channel, province, city, county, target, target_address, pollution_types, industry,
            accepted, accepted_at, completed_at, outcome, entered_at
        ) as content
    from read_parquet($raw_files, hive_partitioning = true, hive_types = { 'month': 'VARCHAR', 'province': 'VARCHAR' })
),

ranked as (
    select
        *,
        row_number() over (partition by complaint_id order by source_file, source_row) as occurrence
    from raw_rows
),

firsts as (
    select * from ranked
    where occurrence = 1
),

differing as (
    select
        firsts.complaint_id,
        firsts.source_file as first_file,
        firsts.source_row as first_row,
        other.source_file as other_file,
        other.source_row as other_row,
        row_number() over (partition by firsts.complaint_id order by other.occurrence) as nth
    from firsts
    inner join ranked as other on firsts.complaint_id = other.complaint_id and firsts.content is distinct from other.content
),

final as (
    select
        complaint_id,
        first_file,
        first_row,
        other_file,
        other_row,
        count(*) over () as conflicting_ids
    from differing
    where nth = 1
    order by first_file, first_row
    limit 10
)

select * from final
