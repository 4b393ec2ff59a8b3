-- The published raw files ($published_files) that hold a complaint id of the new raw files ($new_files):
-- only they can give one of those ids another content. Reads one column of the published files.
with new_ids as (
    select distinct complaint_id
    from read_parquet($new_files)
),

final as (
    select distinct published.filename
    from read_parquet($published_files, filename = true) as published  -- noqa: RF02
    semi join new_ids on published.complaint_id = new_ids.complaint_id
    order by published.filename
)

select * from final
