-- The frame of check values_fit_the_contract: table complaint_violation (computed by the complaint step,
-- with its engine), in the order its rows are named.
select
    complaint_id,
    source_file,
    source_row,
    problem
from complaint_violation
order by source_file, source_row
