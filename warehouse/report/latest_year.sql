-- The report year the analyst report shows: the latest year with a notice.
select max(report_year) from bulletin;
