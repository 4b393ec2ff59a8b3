-- 附件3: the 全国 rows of both handling tables.
create or replace table handling_national (
    report_year integer not null,
    stage varchar not null,
    late_count bigint not null,
    on_time_pct double not null,
    avg_days double not null,
    bulletin_id varchar not null,
    source_line integer not null
);
comment on table handling_national is '附件3 of the notice: the national (全国) row of each handling table.';
comment on column handling_national.report_year is 'Year the notice reports on.';
comment on column handling_national.stage is '''acceptance'' (受理, WeChat and web reports) or ''completion'' (办结, all reports).';
comment on column handling_national.late_count is 'Reports nationwide not accepted on time (未按期受理数) or completed late (超期办结数).';
comment on column handling_national.on_time_pct is 'National share handled on time, percent on a 0-100 scale as printed.';
comment on column handling_national.avg_days is 'National average days to accept or to complete.';
comment on column handling_national.bulletin_id is 'Document number of the notice the row comes from.';
comment on column handling_national.source_line is 'Line of the landing file holding 全国 for this row.';
