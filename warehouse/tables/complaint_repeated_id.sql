-- Complaint ids that occur more than once in table complaint: the frame of check one_row_per_complaint_id.
create or replace table complaint_repeated_id (
    complaint_id varchar not null,
    rows_with_id bigint not null,
    places varchar not null
);
comment on table complaint_repeated_id is 'Complaint ids that occur more than once in table complaint, at most 1000: empty when all is well (exact copies are dropped into complaint_copy before). The ids of the partitions the last build changed (view complaint_changed) are looked for in all of complaint, by the complaint step''s engine (DuckDB, or Spark). The ERROR check one_row_per_complaint_id reads it.';
comment on column complaint_repeated_id.complaint_id is '举报编号.';
comment on column complaint_repeated_id.rows_with_id is 'Rows of table complaint with that id.';
comment on column complaint_repeated_id.places is 'Each such row as "<export file> row <record number>", in file and record order.';
