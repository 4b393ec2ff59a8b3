-- Which prefecture-level bureaus' 12369 hotlines failed the Ministry's test calls in two or more quarters?
-- From 附件1: the "(N次)" printed after a bureau's name is the number of quarterly checks it failed
-- in the year.
select
    report_year,
    province,
    unit,
    failed_checks,
    source_line
from hotline_check
where level = 'prefecture' and failed_checks >= 2
order by report_year asc, failed_checks desc, province asc, unit asc;
