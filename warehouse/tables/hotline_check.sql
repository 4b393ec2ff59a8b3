-- 附件1: the 12369 hotline check of every provincial and prefecture-level bureau.
create or replace table hotline_check (
    report_year integer not null,
    province varchar not null,
    level varchar not null,
    unit varchar not null,
    hotline_opened boolean,
    result varchar not null,
    failed_checks integer not null,
    footnote varchar,
    bulletin_id varchar not null,
    source_line integer not null
);
comment on table hotline_check is '附件1 of the notice: whether each bureau''s 12369 hotline answered the Ministry''s quarterly test calls.';
comment on column hotline_check.report_year is 'Year the notice reports on.';
comment on column hotline_check.province is 'Region short name as printed (see table region).';
comment on column hotline_check.level is '''provincial'' (the provincial bureau) or ''prefecture'' (a prefecture-level bureau).';
comment on column hotline_check.unit is 'The bureau checked: the region itself on a provincial row, else the prefecture as printed.';
comment on column hotline_check.hotline_opened is 'Provincial rows: whether the bureau has opened a 12369 line (开通). NULL on prefecture rows.';
comment on column hotline_check.result is '''reachable'' (拨通), ''unreachable'' (未拨通) or ''merged'' (answered by the municipal hotline, which the notice counts as reachable, 注1).';
comment on column hotline_check.failed_checks is 'Quarterly checks failed in the year, the "(N次)" after the name; 0 where none is printed.';
comment on column hotline_check.footnote is 'Footnote marker printed with the unit (注2: a provincial bureau without a 12369 line was checked on its registered number; 注3: shared area code).';
comment on column hotline_check.bulletin_id is 'Document number of the notice the row comes from.';
comment on column hotline_check.source_line is 'Line of the landing file the unit was read from.';
