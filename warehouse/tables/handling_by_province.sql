-- 附件3: how promptly each region accepted and completed reports.
create or replace table handling_by_province (
    report_year integer not null,
    stage varchar not null,
    province varchar not null,
    late_count bigint not null,
    on_time_pct double not null,
    avg_days double not null,
    row_number integer not null,
    bulletin_id varchar not null,
    source_line integer not null
);
comment on table handling_by_province is '附件3 of the notice: per region and stage, reports handled late, the on-time rate and the average days.';
comment on column handling_by_province.report_year is 'Year the notice reports on.';
comment on column handling_by_province.stage is '''acceptance'' (受理, WeChat and web reports only: phone reports count as accepted at once) or ''completion'' (办结, all reports).';
comment on column handling_by_province.province is 'Region short name as printed, inner spaces removed (北京, 内蒙古, 兵团); see table region.';
comment on column handling_by_province.late_count is 'Reports not accepted on time (未按期受理数) or completed after the deadline (超期办结数).';
comment on column handling_by_province.on_time_pct is 'Share handled on time (按期受理率 or 按期办结率), percent on a 0-100 scale as printed (98.5, not 0.985).';
comment on column handling_by_province.avg_days is 'Average days to accept (平均受理天数) or to complete (平均办结天数).';
comment on column handling_by_province.row_number is 'The row number (序号) printed in the table.';
comment on column handling_by_province.bulletin_id is 'Document number of the notice the row comes from (bulletin.bulletin_id).';
comment on column handling_by_province.source_line is 'Line of the landing file holding the region name of this row.';
