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
comment on view handling_records_vs_notice is 'One row per year, province and stage that both handling_from_records (computed from the complaint records) and handling_by_province (附件3 of the notice) have: the records'' late count, on-time rate and average days beside the notice''s.';
comment on column handling_records_vs_notice.report_year is 'Year: of reported_at for the records, the year the notice reports on for 附件3.';
comment on column handling_records_vs_notice.province is 'Province short name as printed in 附件3, inner spaces removed (北京, 内蒙古, 兵团); see table region.';
comment on column handling_records_vs_notice.stage is '''acceptance'' (受理: WeChat and web reports; for the records, accepted WeChat and web complaints with 受理时间) or ''completion'' (办结: all reports; for the records, accepted complaints with 受理时间).';
comment on column handling_records_vs_notice.records_measured is 'Complaints the records measure in the stage (handling_from_records.complaints); 附件3 prints no such count.';
comment on column handling_records_vs_notice.records_late_count is 'Of which late by the records, against the configured limit (handling_from_records.late_count; the limit, limit_hours there, is not in this view).';
comment on column handling_records_vs_notice.notice_late_count is 'Reports 附件3 counts as not accepted on time (未按期受理数) or completed after the deadline (超期办结数) (handling_by_province.late_count).';
comment on column handling_records_vs_notice.records_on_time_pct is '(records_measured - records_late_count) / records_measured x 100, percent on a 0-100 scale rounded half up to 2 decimals (handling_from_records.on_time_pct).';
comment on column handling_records_vs_notice.notice_on_time_pct is 'Share handled on time (按期受理率 or 按期办结率), percent on a 0-100 scale as printed in 附件3 (handling_by_province.on_time_pct).';
comment on column handling_records_vs_notice.records_avg_days is 'Mean days to accept, or to complete (completed complaints only), from the records, rounded half up to 2 decimals; NULL when none is completed (handling_from_records.avg_days).';
comment on column handling_records_vs_notice.notice_avg_days is 'Average days to accept (平均受理天数) or to complete (平均办结天数) as printed in 附件3 (handling_by_province.avg_days).';
comment on column handling_records_vs_notice.bulletin_id is 'Document number of the notice the 附件3 row comes from (bulletin.bulletin_id).';
