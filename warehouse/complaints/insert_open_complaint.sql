-- The open complaints of complaint_rows (the records of some partitions, or all).
insert into open_complaint by name
select
    strftime(reported_at, '%Y-%m') as month,
    province,
    year(reported_at) as report_year,
    accepted_at
from complaint_rows
where accepted and accepted_at is not null and completed_at is null
