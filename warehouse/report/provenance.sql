-- The report's header: which notice and which run the figures come from.
select
    bulletin.bulletin_id,
    bulletin.title,
    bulletin.issued_on,
    bulletin.source_file,
    (select arg_max(run_id, checked_at) from quality_check) as last_run_id,
    (select max(checked_at) from quality_check) as last_checked_at
from bulletin
where bulletin.report_year = $year;
