-- Records of the exports that are exact copies of an earlier record of their id: kept out of table complaint.
create or replace table complaint_copy (
    month varchar not null,
    province varchar not null,
    complaint_id varchar not null,
    source_file varchar not null,
    source_row integer not null
);
comment on table complaint_copy is 'Records of the provincial exports left out of table complaint because they repeat, field for field, an earlier record of the same complaint id (the first file in name order, then record order, is kept). complaint_quality.duplicates_dropped counts them.';
comment on column complaint_copy.month is 'Month (YYYY-MM) of 举报时间: the raw zone partition the record lies in.';
comment on column complaint_copy.province is 'Province, short name.';
comment on column complaint_copy.complaint_id is '举报编号 of the record; table complaint holds its first record.';
comment on column complaint_copy.source_file is 'Export file in <landing>/complaints/ holding the copy.';
comment on column complaint_copy.source_row is 'Record number of the copy in that file: 1 is the first record after the header.';
