-- Handling computed from the records beside the notice's 附件3, for years and provinces that have both.
create or replace view handling_records_vs_notice as
with records as (
    select * from handling_from_records
),

notice as (
    select * from handling_by_province
),

final as (
    select
        records.report_year,
        records.province,
        records.stage,
        records.complaints as records_measured,
        records.late_count as records_late_count,
        notice.late_count as notice_late_count,
        records.on_time_pct as records_on_time_pct,
        notice.on_time_pct as notice_on_time_pct,
        records.avg_days as records_avg_days,
        notice.avg_days as notice_avg_days,
        notice.bulletin_id
    from records
    inner join notice using (report_year, province, stage)
    order by all
)

select * from final;
comment on view handling_records_vs_notice is 'handling_from_records (computed from the complaint records) beside handling_by_province (附件3 of the notice) for each year, province and stage that both have.';
