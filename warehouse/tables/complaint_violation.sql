-- Records of table complaint that break the contract: the frame of check values_fit_the_contract.
create or replace table complaint_violation (
    complaint_id varchar,
    source_file varchar,
    source_row integer,
    problem varchar not null
);
comment on table complaint_violation is 'Records of table complaint that break the contract although their export passed reading (a second line of defence), at most 1000, each with what is wrong: empty when all is well. Looked for among the records of the partitions the last build changed (view complaint_changed; all records when it computed the complaint tables whole), by the complaint step''s engine (DuckDB, or Spark). The ERROR check values_fit_the_contract reads it.';
comment on column complaint_violation.complaint_id is '举报编号 of the record.';
comment on column complaint_violation.source_file is 'Export file in <landing>/complaints/ holding the record.';
comment on column complaint_violation.source_row is 'Record number in that file: 1 is the first record after the header.';
comment on column complaint_violation.problem is 'What is wrong: a value outside its vocabulary, a time before the one it follows, or a province not in table region.';
