-- What the complaint records of each month (of 举报时间) are read from: the raw files of the month's
-- partitions that the published exports list, and a digest of the month's records left out as exact
-- copies (complaint_copy). The downloads write a month's files anew only when these change.
with listed as (
    select
        regexp_extract(listed.raw_file, 'month=([^/]+)/', 1) as month,
        listed.raw_file
    from complaint_export, unnest(complaint_export.raw_files) as listed (raw_file)
),

copies as (
    select
        month,
        sum(hash(province, complaint_id, source_file, source_row))::varchar as copies_digest
    from complaint_copy
    group by month
)

select
    listed.month,
    list(listed.raw_file order by listed.raw_file) as raw_files,
    coalesce(any_value(copies.copies_digest), '') as copies_digest
from listed
left join copies on listed.month = copies.month
group by listed.month
order by listed.month
