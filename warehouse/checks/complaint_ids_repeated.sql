-- The frame of check one_row_per_complaint_id: table complaint_repeated_id (computed by the complaint
-- step, with its engine), in the order its rows are named.
select
    complaint_id,
    rows_with_id,
    places
from complaint_repeated_id
order by complaint_id
