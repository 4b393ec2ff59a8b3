-- One row per ingested quarter: which files it came from. Kept across runs like spot_check.
create table if not exists spot_check_feed (
    quarter varchar not null,
    detail_file varchar not null,
    detail_sha256 varchar not null,
    detail_rows integer not null,
    summary_file varchar,
    summary_sha256 varchar,
    ingested_at timestamp not null,
    run_id varchar not null
);
comment on table spot_check_feed is 'One row per quarter in the warehouse: the feed files it was read from, their checksums, and the run that ingested them.';
comment on column spot_check_feed.quarter is 'Quarter, e.g. 2017Q3.';
comment on column spot_check_feed.detail_file is 'Detail file name.';
comment on column spot_check_feed.detail_sha256 is 'SHA-256 of the detail file; a changed file has a new checksum and is ingested again.';
comment on column spot_check_feed.detail_rows is 'Rows read from the detail file.';
comment on column spot_check_feed.summary_file is 'Summary file name; NULL when the feed came without one (a WARN check says so).';
comment on column spot_check_feed.summary_sha256 is 'SHA-256 of the summary file; NULL without one.';
comment on column spot_check_feed.ingested_at is 'When the quarter was ingested (UTC).';
comment on column spot_check_feed.run_id is 'Dagster run that ingested the quarter.';
