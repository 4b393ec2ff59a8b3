-- One row per complaint export read from <landing>/complaints/: where its records are in the raw zone.
create table if not exists complaint_export (
    source_file varchar not null,
    source_sha256 varchar not null,
    file_format varchar not null,
    encoding varchar,
    records integer not null,
    first_reported_at timestamp,
    last_reported_at timestamp,
    provinces varchar[] not null,
    months varchar[] not null,
    personal_data_columns varchar[] not null,
    other_columns_dropped varchar[] not null,
    raw_files varchar[] not null
);
comment on table complaint_export is 'One row per complaint export in <landing>/complaints/ (any name; .csv, .xlsx or .parquet): what was read from it and where its records lie in the raw zone. An export is parsed once per content (SHA-256); a build parses only the exports that are new or changed.';
comment on column complaint_export.source_file is 'File name in <landing>/complaints/.';
comment on column complaint_export.source_sha256 is 'SHA-256 of the file as read.';
comment on column complaint_export.file_format is 'csv, xlsx or parquet.';
comment on column complaint_export.encoding is 'Text encoding of a CSV export: utf-8, utf-8-sig (with BOM) or gb18030; null for xlsx and parquet.';
comment on column complaint_export.records is 'Records in the file (rows after the header), exact copies included.';
comment on column complaint_export.first_reported_at is 'Earliest 举报时间 in the file.';
comment on column complaint_export.last_reported_at is 'Latest 举报时间 in the file.';
comment on column complaint_export.provinces is 'Provinces (short names) the records name.';
comment on column complaint_export.months is 'Months (YYYY-MM) of 举报时间 the records fall in.';
comment on column complaint_export.personal_data_columns is 'Headers dropped on reading because they carry a reporter''s personal data (举报人, 联系电话, 身份证号, 邮箱, ...): their values are stored nowhere.';
comment on column complaint_export.other_columns_dropped is 'Other headers outside the contract, not stored.';
comment on column complaint_export.raw_files is 'The Parquet files holding the export''s records, relative to the raw zone (raw/complaints/ beside the warehouse file): month=YYYY-MM/province=NAME/export-SHA-0.parquet.';
