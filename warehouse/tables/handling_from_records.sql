-- How promptly complaints were accepted and completed, computed from the records.
create or replace table handling_from_records (
    report_year integer not null,
    province varchar not null,
    stage varchar not null,
    complaints bigint not null,
    late_count bigint not null,
    on_time_pct double not null,
    avg_days double,
    limit_hours double not null
);
comment on table handling_from_records is 'Per year of reported_at, province and stage, in the shape of handling_by_province (附件3 of the notice) but computed from the complaint records. Limits are configuration (asset complaint_tables: acceptance_limit_hours, completion_limit_days).';
comment on column handling_from_records.report_year is 'Year of reported_at.';
comment on column handling_from_records.province is 'Province, short name.';
comment on column handling_from_records.stage is '''acceptance'': accepted WeChat and web complaints with 受理时间, late when accepted more than limit_hours after reported. ''completion'': accepted complaints with 受理时间, late when completed more than limit_hours after acceptance, or still open that long after acceptance at the latest reported_at in the data.';
comment on column handling_from_records.complaints is 'Complaints measured in the stage.';
comment on column handling_from_records.late_count is 'Of which late.';
comment on column handling_from_records.on_time_pct is '(complaints - late_count) / complaints x 100, rounded half up to 2 decimals.';
comment on column handling_from_records.avg_days is 'Mean days to accept, or to complete (completed complaints only), rounded half up to 2 decimals; null when none is completed.';
comment on column handling_from_records.limit_hours is 'The limit the stage was measured against, in hours (72 for acceptance and 60 days = 1440 for completion by default).';
