-- Complaint ids that occur twice in table complaint (each id must be there once): at most 1000. The ids
-- looked for are those of complaint_changed, the records of the partitions the last build changed (all
-- of them when it computed the tables whole): an id elsewhere was once in table complaint when it was
-- published, and only a changed partition can have brought it again. Computed by the complaint step with
-- its engine; the check one_row_per_complaint_id reads it. $every_record_changed: complaint_changed is
-- every record (the tables were computed whole), so no id needs looking up in it (at national volume the
-- lookup cost more than the grouping). complaint_rows: the records of table complaint those ids can be in
-- (every record, or those of the raw files whose range of ids overlaps a changed file's:
-- assets/complaints/id_ranges.py).
insert into complaint_repeated_id by name
with changed_ids as (
    select distinct complaint_id
    from complaint_changed
    where not $every_record_changed
),

repeated as (
    select complaint.complaint_id
    from complaint_rows as complaint
    where $every_record_changed or complaint.complaint_id in (select changed_ids.complaint_id from changed_ids)
    group by complaint.complaint_id
    having count(*) > 1
),

final as (
    select
        complaint.complaint_id,
        count(*) as rows_with_id,
        string_agg(complaint.source_file || ' row ' || complaint.source_row, '; ' order by complaint.source_file, complaint.source_row)
            as places
    from complaint_rows as complaint
    semi join repeated on complaint.complaint_id = repeated.complaint_id
    group by complaint.complaint_id
    order by complaint.complaint_id
    limit 1000
)

select * from final
