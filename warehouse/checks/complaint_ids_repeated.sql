-- Complaint ids that occur twice in table complaint (each id must be there once): at most 1000.
select
    complaint_id,
    count(*) as rows_with_id,
    string_agg(source_file || ' row ' || source_row, '; ' order by source_file, source_row) as places
from complaint
group by complaint_id
having count(*) > 1
order by complaint_id
limit 1000
