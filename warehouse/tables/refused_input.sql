-- One row per landing unit refused as the landing folder stands now.
create table if not exists refused_input (
    source_file varchar not null,
    kind varchar not null,
    source_sha256 varchar not null,
    reason varchar not null,
    first_refused_at timestamp not null,
    run_id varchar not null
);
comment on table refused_input is 'Every input of the landing folder that the last runs refused, and why: a refused input publishes nothing of its own, what was published of it before stays as it was, and every other input is published. A row leaves when its file is fixed, replaced or removed.';
comment on column refused_input.source_file is 'Path of the refused file under the landing folder, e.g. complaints/export-x.csv; a quarter is named by its detail file (spot_checks/2017Q3.csv).';
comment on column refused_input.kind is 'notice (an annual notice), bulletin (a bulletin page, or any file of bulletins/ that is not one), feed (a quarter''s spot-check feed with its summary) or export (a complaint export).';
comment on column refused_input.source_sha256 is 'SHA-256 of the refused bytes; new bytes under the same name are read again.';
comment on column refused_input.reason is 'Why it was refused, the line the command line prints: the file, the place (line, row, column or check), what was expected and what was found.';
comment on column refused_input.first_refused_at is 'When these bytes were first refused (UTC).';
comment on column refused_input.run_id is 'Dagster run that last refused them.';
