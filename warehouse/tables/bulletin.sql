-- One row per annual notice: its identity, provenance and the national figures of section 一.
create or replace table bulletin (
    bulletin_id varchar primary key,
    report_year integer not null,
    issued_on date not null,
    published_on date,
    title varchar not null,
    issuer varchar not null,
    total_reports bigint not null,
    phone_reports bigint not null,
    wechat_reports bigint not null,
    web_reports bigint not null,
    avg_accept_days double not null,
    avg_complete_days double not null,
    on_time_completion_pct double not null,
    avg_accept_days_as_printed varchar not null,
    avg_complete_days_as_printed varchar not null,
    on_time_completion_pct_as_printed varchar not null,
    narrative_late_accept_provinces integer,
    narrative_late_accept_reports integer,
    narrative_overdue_provinces integer,
    narrative_overdue_reports integer,
    source_file varchar not null,
    source_sha256 varchar not null
);
comment on table bulletin is 'One row per annual 12369 notice: document number, dates and the national figures of section 一 (总体情况).';
comment on column bulletin.bulletin_id is 'Document number of the notice as printed, e.g. 环办应急函[2018]500号.';
comment on column bulletin.report_year is 'Year the notice reports on (from its title 关于YYYY年…通报).';
comment on column bulletin.issued_on is 'Date the issuing office signed the notice (the date under the signature).';
comment on column bulletin.published_on is 'Date the web page republishing the notice was posted (发布日期), NULL if the page gives none.';
comment on column bulletin.title is 'Title of the notice as printed.';
comment on column bulletin.issuer is 'Office that signed the notice.';
comment on column bulletin.total_reports is 'Reports received by the national 12369 platform in the year (管理平台共接到举报N件).';
comment on column bulletin.phone_reports is 'Reports received by telephone (电话举报).';
comment on column bulletin.wechat_reports is 'Reports received through WeChat (微信举报).';
comment on column bulletin.web_reports is 'Reports received through the web (网上举报).';
comment on column bulletin.avg_accept_days is 'Average days to accept a report, national headline figure (平均受理时间).';
comment on column bulletin.avg_complete_days is 'Average days to complete a report, national headline figure (平均办结时间).';
comment on column bulletin.on_time_completion_pct is 'Share of reports completed on time, percent on a 0-100 scale, headline figure (按期办结率).';
comment on column bulletin.avg_accept_days_as_printed is 'avg_accept_days exactly as printed; its decimals say how far it was rounded.';
comment on column bulletin.avg_complete_days_as_printed is 'avg_complete_days exactly as printed; its decimals say how far it was rounded.';
comment on column bulletin.on_time_completion_pct_as_printed is 'on_time_completion_pct exactly as printed; its decimals say how far it was rounded.';
comment on column bulletin.narrative_late_accept_provinces is 'Number of provinces with reports accepted late, as quoted in section 三 (N个省…未按期受理); NULL if not quoted.';
comment on column bulletin.narrative_late_accept_reports is 'Number of reports accepted late, as quoted in section 三; NULL if not quoted.';
comment on column bulletin.narrative_overdue_provinces is 'Number of provinces with reports completed late, as quoted in section 三 (N个省份…未按期办结); NULL if not quoted.';
comment on column bulletin.narrative_overdue_reports is 'Number of reports completed late, as quoted in section 三; NULL if not quoted.';
comment on column bulletin.source_file is 'Name of the landing file the notice was parsed from.';
comment on column bulletin.source_sha256 is 'SHA-256 of the landing file''s bytes, to trace every row to the exact input.';
