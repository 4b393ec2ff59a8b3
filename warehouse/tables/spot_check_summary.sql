-- Quarterly spot-check feeds, summary rows per province. Kept across runs like spot_check.
create table if not exists spot_check_summary (
    quarter varchar not null,
    province varchar not null,
    units_checked integer not null,
    units_reachable integer not null,
    reachable_pct double not null,
    source_file varchar not null,
    source_sha256 varchar not null,
    source_row integer not null
);
comment on table spot_check_summary is 'One row per province and quarter from the feed''s summary file (<YYYY>Q<n>_summary.csv|.xlsx): hotline units checked and reachable, both levels.';
comment on column spot_check_summary.quarter is 'Quarter summarized.';
comment on column spot_check_summary.province is 'Region short name (see table region).';
comment on column spot_check_summary.units_checked is 'Hotline units checked in the region (provincial and prefecture).';
comment on column spot_check_summary.units_reachable is 'Of those, reachable or merged (merged counts as reachable, 附件1 注1).';
comment on column spot_check_summary.reachable_pct is 'units_reachable / units_checked x 100, rounded to 2 decimals, on a 0-100 scale.';
comment on column spot_check_summary.source_file is 'Summary file the row was read from.';
comment on column spot_check_summary.source_sha256 is 'SHA-256 of the summary file''s bytes.';
comment on column spot_check_summary.source_row is 'Row of the summary file (header = row 1).';
