-- 附件2: whether each bureau's website carries the online-reporting page.
create or replace table portal_status (
    report_year integer not null,
    province varchar not null,
    level varchar not null,
    unit varchar not null,
    status varchar not null,
    remark varchar,
    bulletin_id varchar not null,
    source_line integer not null
);
comment on table portal_status is '附件2 of the notice: whether each bureau''s website carries the 12369 online-reporting page. A unit the notice lists under two statuses has two rows.';
comment on column portal_status.report_year is 'Year the notice reports on.';
comment on column portal_status.province is 'Region short name as printed (see table region).';
comment on column portal_status.level is '''provincial'' (the provincial bureau) or ''prefecture'' (a prefecture-level bureau or a municipality''s district).';
comment on column portal_status.unit is 'The bureau checked: the region itself on a provincial row, else the prefecture or district as printed.';
comment on column portal_status.status is '''mounted'' (挂载), ''not_mounted'' (未挂载), ''no_website'' (无网站) or ''link_failure'' (链接故障).';
comment on column portal_status.remark is 'Remark printed in brackets after the unit, e.g. 政府网站 (the page is on the government''s site).';
comment on column portal_status.bulletin_id is 'Document number of the notice the row comes from.';
comment on column portal_status.source_line is 'Line of the landing file the unit was read from.';
