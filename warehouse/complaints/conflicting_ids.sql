-- Complaint ids whose records differ between two places (files, or rows of one file): for each pair of
-- files, the first such id with its first record (files in name order, then record order), the first
-- record that differs from it, and how many ids the pair shares this way. Exact copies are not
-- conflicts. Only ids that occur more than once are compared.
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

repeated as (
    select complaint_id
    from raw_rows
    group by complaint_id
    having count(*) > 1
),

ranked as (
    select
        raw_rows.*,
        row_number() over (partition by raw_rows.complaint_id order by raw_rows.source_file, raw_rows.source_row) as occurrence
    from raw_rows
    semi join repeated on raw_rows.complaint_id = repeated.complaint_id
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

by_pair as (
    select
        complaint_id,
        first_file,
        first_row,
        other_file,
        other_row,
        count(*) over (partition by first_file, other_file) as conflicting_ids,
        row_number() over (partition by first_file, other_file order by first_row, complaint_id) as nth_of_pair
    from differing
    where nth = 1
),

final as (
    select * exclude (nth_of_pair)
    from by_pair
    where nth_of_pair = 1
    order by first_file, other_file
)

select * from final
