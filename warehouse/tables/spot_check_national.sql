-- Quarterly spot-check feeds: the 全国 row of each summary. Kept across runs like spot_check.
create table if not exists spot_check_national (
    quarter varchar not null,
    units_checked integer not null,
    units_reachable integer not null,
    reachable_pct double not null,
    source_file varchar not null,
    source_sha256 varchar not null,
    source_row integer not null
);
comment on table spot_check_national is 'One row per quarter: the national (全国) row of the feed''s summary file.';
comment on column spot_check_national.quarter is 'Quarter summarized.';
comment on column spot_check_national.units_checked is 'Hotline units checked nationwide (provincial and prefecture).';
comment on column spot_check_national.units_reachable is 'Of those, reachable or merged.';
comment on column spot_check_national.reachable_pct is 'units_reachable / units_checked x 100, rounded to 2 decimals.';
comment on column spot_check_national.source_file is 'Summary file the row was read from.';
comment on column spot_check_national.source_sha256 is 'SHA-256 of the summary file''s bytes.';
comment on column spot_check_national.source_row is 'Row of the summary file (header = row 1).';
