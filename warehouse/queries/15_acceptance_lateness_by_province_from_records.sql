-- How promptly did each province accept WeChat and web complaints, by the records?
-- From handling_from_records (stage acceptance: late when accepted more than 72 hours after reported),
-- with the notice's 附件3 figures beside it where the notice covers the year. Most late first.
select
    records.report_year,
    records.province,
    records.complaints as measured,
    records.late_count,
    records.on_time_pct,
    records.avg_days,
    notice.late_count as notice_late_count,
    notice.on_time_pct as notice_on_time_pct
from handling_from_records as records
left join handling_by_province as notice
    on
        records.report_year = notice.report_year
        and records.province = notice.province
        and records.stage = notice.stage
where records.stage = 'acceptance'
order by records.report_year asc, records.late_count desc, records.province asc;
