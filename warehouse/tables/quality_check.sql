-- The result of every check run on the data now published.
create table if not exists quality_check (
    checked_at timestamp not null,
    run_id varchar not null,
    asset varchar not null,
    check_name varchar not null,
    severity varchar not null,
    passed boolean not null,
    details varchar not null,
    validated_at timestamp,
    validated_in_run varchar
);
comment on table quality_check is 'Every data-quality check run on the published tables in the run that published them, so SQL users see data quality without the Dagster UI.';
comment on column quality_check.checked_at is 'When the check ran (UTC).';
comment on column quality_check.run_id is 'Dagster run that ran the check and published the warehouse.';
comment on column quality_check.asset is 'Table the check is about.';
comment on column quality_check.check_name is 'Name of the check, as in expectations/<table>.json and the Dagster UI.';
comment on column quality_check.severity is 'ERROR (blocks publishing when it fails) or WARN (reported only).';
comment on column quality_check.passed is 'Whether the check passed.';
comment on column quality_check.details is 'JSON: the check''s description, the expectations run and the offending rows.';
comment on column quality_check.validated_at is 'When Great Expectations computed this outcome (UTC): earlier than checked_at when the frame was unchanged and its outcome remembered (.check-results/ beside the warehouse file).';
comment on column quality_check.validated_in_run is 'Dagster run in which Great Expectations computed this outcome; run_id when it was computed in the publishing run itself.';
