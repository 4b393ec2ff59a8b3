-- Targets reported again and again (重复举报): three complaints within 90 days.
create or replace table repeat_target (
    province varchar not null,
    city varchar not null,
    target_key varchar not null,
    complaints bigint not null,
    first_reported_at timestamp not null,
    last_reported_at timestamp not null,
    example_target varchar not null
);
comment on table repeat_target is 'One row per province, city and target_key with three complaints of which the first and the third were reported at most 90 days apart (the notice''s 重复举报, to be found and resolved).';
comment on column repeat_target.province is 'Province, short name.';
comment on column repeat_target.city is 'Prefecture, short name.';
comment on column repeat_target.target_key is 'The target NFKC-normalized with all whitespace removed (complaint.target_key).';
comment on column repeat_target.complaints is 'All the complaints about the target, in the whole data.';
comment on column repeat_target.first_reported_at is 'The first of them.';
comment on column repeat_target.last_reported_at is 'The last of them.';
comment on column repeat_target.example_target is 'The target as written on the earliest complaint (the smallest id among equally early ones).';
