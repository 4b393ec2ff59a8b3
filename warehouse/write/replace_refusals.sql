-- Replaces the refusals a step decided on (registered as step_refusals: source_file, kind,
-- source_sha256, reason, refused_at, run_id): $decided_files are the files it read or refused, or every file of $kind when
-- $whole_kind. A refusal of the same bytes keeps the time it was first refused.
create or replace temporary table previous_refusals as
select
    source_file,
    source_sha256,
    first_refused_at
from refused_input
where kind = $kind;

delete from refused_input
where
    kind = $kind
    and ($whole_kind or list_contains($decided_files, source_file));

insert into refused_input by name
select
    step_refusals.source_file,
    step_refusals.kind,
    step_refusals.source_sha256,
    step_refusals.reason,
    coalesce(previous_refusals.first_refused_at, step_refusals.refused_at) as first_refused_at,
    step_refusals.run_id
from step_refusals
left join previous_refusals
    on
        step_refusals.source_file = previous_refusals.source_file
        and step_refusals.source_sha256 = previous_refusals.source_sha256;

drop table previous_refusals
