-- Quarterly spot-check feeds, detail. Kept across runs: a run replaces only the quarters it ingests.
create table if not exists spot_check (
    quarter varchar not null,
    province varchar not null,
    level varchar not null,
    unit varchar not null,
    channel varchar not null,
    checked_on date not null,
    result varchar not null,
    note varchar,
    source_file varchar not null,
    source_sha256 varchar not null,
    source_row integer not null
);
comment on table spot_check is 'One row per bureau, channel and quarter: the result of the Ministry''s quarterly check of its 12369 hotline or its online-reporting page, as delivered in <landing>/spot_checks/<YYYY>Q<n>.csv|.xlsx. The 2017 feeds shipped with the project are CONSTRUCTED samples (see note).';
comment on column spot_check.quarter is 'Quarter checked, e.g. 2017Q3 (the partition key).';
comment on column spot_check.province is 'Region short name (see table region).';
comment on column spot_check.level is '''provincial'' or ''prefecture''.';
comment on column spot_check.unit is 'The bureau checked: the region itself on a provincial row, else the prefecture.';
comment on column spot_check.channel is '''hotline'' (12369 telephone line) or ''portal'' (online-reporting page).';
comment on column spot_check.checked_on is 'Day of the check, inside the quarter.';
comment on column spot_check.result is 'hotline: reachable, unreachable or merged (answered by the municipal hotline, counts as reachable); portal: mounted, not_mounted, no_website or link_failure.';
comment on column spot_check.note is 'Free text from the feed. The shipped 2017 samples say they are constructed.';
comment on column spot_check.source_file is 'Feed file the row was read from.';
comment on column spot_check.source_sha256 is 'SHA-256 of the feed file''s bytes.';
comment on column spot_check.source_row is 'Row of the feed file (header = row 1).';
