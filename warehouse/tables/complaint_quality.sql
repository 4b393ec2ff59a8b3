-- Per month, province and city: how complete and how timely the complaint records are.
create or replace table complaint_quality (
    month date not null,
    province varchar not null,
    city varchar not null,
    records bigint not null,
    missing_target bigint not null,
    missing_outcome bigint not null,
    missing_pollution bigint not null,
    missing_industry bigint not null,
    entered_late bigint not null,
    duplicates_dropped bigint not null,
    complete_records bigint not null,
    key_field_completeness_pct double not null,
    entered_late_pct double not null
);
comment on table complaint_quality is 'One row per month of 举报时间, province and city with complaints: missing key fields (the notice''s 数据质量 finding), late entry (its 传输不及时 finding) and exact copies dropped.';
comment on column complaint_quality.month is 'First day of the month of reported_at.';
comment on column complaint_quality.province is 'Province, short name.';
comment on column complaint_quality.city is 'Prefecture, short name.';
comment on column complaint_quality.records is 'Complaints (distinct ids).';
comment on column complaint_quality.missing_target is 'Complaints without 被举报对象.';
comment on column complaint_quality.missing_outcome is 'Accepted complaints without 办理结果.';
comment on column complaint_quality.missing_pollution is 'Complaints without 污染类型.';
comment on column complaint_quality.missing_industry is 'Complaints without 行业类型.';
comment on column complaint_quality.entered_late is 'Complaints entered (录入时间) more than 24 hours after reported; a record without 录入时间 is not counted late.';
comment on column complaint_quality.duplicates_dropped is 'Exact copies of a record seen again (in any export), counted in the month and city of the complaint.';
comment on column complaint_quality.complete_records is 'Complaints with every key field: target, pollution types, industry, and outcome when accepted.';
comment on column complaint_quality.key_field_completeness_pct is 'complete_records / records x 100, rounded half up to 2 decimals; the WARN check asks for at least 95.';
comment on column complaint_quality.entered_late_pct is 'entered_late / records x 100, rounded half up to 2 decimals; the WARN check asks for at most 5.';
