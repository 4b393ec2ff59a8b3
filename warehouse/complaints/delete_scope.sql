-- The rows of the complaint tables that the changed partitions can reach, deleted before they are
-- computed again: partitions are 'YYYY-MM/province', years 'YYYY/province'.
delete from complaint_copy
where list_contains($partitions, month || '/' || province);
delete from complaint_quality
where list_contains($partitions, strftime(month, '%Y-%m') || '/' || province);
delete from open_complaint
where list_contains($partitions, month || '/' || province);
delete from records_monthly
where list_contains($months, strftime(month, '%Y-%m'));
delete from handling_from_records
where list_contains($years, report_year || '/' || province);
delete from repeat_target
where list_contains($provinces, province);
delete from complaint_alert
where exists (
    select 1 from alert_scope
    where alert_scope.province = complaint_alert.province and alert_scope.week_start = complaint_alert.week_start
)
