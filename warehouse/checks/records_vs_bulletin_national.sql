-- Months where the records are a national set (every region of table region but 兵团 has records) and a
-- bulletin states the month's reports: the records' count beside the bulletin's.
select
    month,
    records_reports,
    bulletin_reports,
    difference_pct,
    coverage,
    -- Exactly, not from the rounded difference_pct: at most 1% of the bulletin's count.
    abs(records_reports - bulletin_reports) * 100 <= bulletin_reports as within_one_pct
from records_vs_bulletin
where coverage = 'national' and bulletin_reports is not null
order by month
