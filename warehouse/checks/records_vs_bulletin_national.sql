-- Months where the records are a national set (every region of table region but 兵团 has records) and a
-- bulletin states the month's reports: the records' count beside the bulletin's.
select
    month,
    records_reports,
    bulletin_reports,
    difference_pct,
    coverage,
    abs(difference_pct) <= 1 as within_one_pct
from records_vs_bulletin
where coverage = 'national' and bulletin_reports is not null
order by month
