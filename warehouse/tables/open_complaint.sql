-- Accepted complaints not completed: the ones handling_from_records measures to the latest report.
create or replace table open_complaint (
    month varchar not null,
    province varchar not null,
    report_year integer not null,
    accepted_at timestamp not null
);
comment on table open_complaint is 'One row per complaint of table complaint that was accepted (with its 受理时间) and has no 办结时间. handling_from_records counts such a complaint late when the latest 举报时间 of all records is more than the completion limit after its acceptance; when a new export moves that latest time, the rows of the years and provinces it does not touch are brought up to date from this table instead of from every record.';
comment on column open_complaint.month is 'Month (YYYY-MM) of 举报时间: the raw zone partition of the record.';
comment on column open_complaint.province is 'Province, short name.';
comment on column open_complaint.report_year is 'Year of 举报时间.';
comment on column open_complaint.accepted_at is '受理时间.';
