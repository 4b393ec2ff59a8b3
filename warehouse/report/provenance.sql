-- The report's header: which notice the annual figures come from.
select
    bulletin_id,
    title,
    issued_on,
    source_file
from bulletin
where report_year = $year;
