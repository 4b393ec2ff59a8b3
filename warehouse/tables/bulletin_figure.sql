-- One row per figure a bulletin document states, with the words it was read from.
create table if not exists bulletin_figure (
    release_id varchar not null,
    source_file varchar not null,
    period_start date not null,
    period_end date not null,
    region varchar,
    measure varchar not null,
    category varchar,
    value double not null,
    unit varchar not null,
    decimals integer not null,
    source_line integer not null,
    quote varchar not null,
    line_as_printed varchar not null
);
comment on table bulletin_figure is 'Every figure a bulletin states, as stated: a restated figure is kept once per document, a figure destroyed in the saved text is absent (see bulletin_parse_note), and nothing is computed.';
comment on column bulletin_figure.release_id is 'The document (bulletin_release).';
comment on column bulletin_figure.source_file is 'Landing file of the document.';
comment on column bulletin_figure.period_start is 'First day of the period the figure is about (a year-to-date 1-10月 figure starts on 1 January).';
comment on column bulletin_figure.period_end is 'Last day of the period the figure is about.';
comment on column bulletin_figure.region is 'NULL for the nation; else the province as printed (short name, simplified script).';
comment on column bulletin_figure.measure is 'reports, reports_share_pct, accepted, not_accepted, completed, reports_mom_pct (环比), reports_yoy_pct (同比), pollution_share_pct, industry_share_pct; for annual notices also avg_accept_days, avg_complete_days, on_time_pct.';
comment on column bulletin_figure.category is 'Channel (phone, wechat, web, other, or a channel outside these as printed), pollution type (air, noise, water, solid_waste, ecology, radiation) or industry as printed; NULL for all reports.';
comment on column bulletin_figure.value is 'The figure as stated; changes are signed as the text says (增长 positive, 下降 negative).';
comment on column bulletin_figure.unit is 'reports, pct or days.';
comment on column bulletin_figure.decimals is 'Decimals as printed (30.0 has 1): the rounding the figure carries.';
comment on column bulletin_figure.source_line is 'Line of the landing file (of the page''s text, for HTML) the figure is printed on.';
comment on column bulletin_figure.quote is 'The words the figure was read from (simplified script, spaces removed).';
comment on column bulletin_figure.line_as_printed is 'The whole line as printed, in its original script.';
