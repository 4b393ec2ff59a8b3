-- Readings of the source that a person should confirm.
create or replace table parse_note (
    report_year integer not null,
    bulletin_id varchar not null,
    source_file varchar not null,
    line integer not null,
    attachment varchar not null,
    province varchar not null,
    reading varchar not null
);
comment on table parse_note is 'Doubtful readings of the flattened source tables: where the parser had to choose between two readings, which it chose and why. Each also fails the WARN check no_doubtful_readings.';
comment on column parse_note.report_year is 'Year the notice reports on.';
comment on column parse_note.bulletin_id is 'Document number of the notice.';
comment on column parse_note.source_file is 'Landing file the reading concerns.';
comment on column parse_note.line is 'Line of the landing file the reading concerns.';
comment on column parse_note.attachment is 'Attachment of the notice (附件1, 附件2, 附件3).';
comment on column parse_note.province is 'Row of the attachment (region short name).';
comment on column parse_note.reading is 'What the parser read and why it is doubtful.';
