-- What the complaint tables were last computed with: a change of any of it recomputes them whole.
create or replace table complaint_tables_basis (
    settings varchar not null,
    definitions_sha256 varchar not null,
    first_reported_at timestamp,
    last_reported_at timestamp,
    computed_by varchar not null
);
comment on table complaint_tables_basis is 'One row: the limits and the SQL the complaint tables were computed with, and the range of 举报时间 they covered, and what computed them. A build recomputes only the rows an export can change when all of it is as before, and every row otherwise.';
comment on column complaint_tables_basis.settings is 'The complaint step''s limits (late entry, repeat window, alert minimum and factor, acceptance and completion limits) as JSON.';
comment on column complaint_tables_basis.definitions_sha256 is 'SHA-256 of the SQL files that define the complaint tables (warehouse/complaints/ and their DDL).';
comment on column complaint_tables_basis.first_reported_at is 'Earliest 举报时间 of table complaint: where the weeks of complaint_alert begin.';
comment on column complaint_tables_basis.last_reported_at is 'Latest 举报时间 of table complaint: where the weeks of complaint_alert end, and the time open complaints are measured to in handling_from_records.';
comment on column complaint_tables_basis.computed_by is 'What computed the complaint tables last: duckdb (whole, or by partition for the exports a build changed), or spark <master URL> (every table whole).';
