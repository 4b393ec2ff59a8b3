-- Doubtful readings of the bulletin series: a period stated without its year, a rounded count, a list that did not pair.
create table if not exists bulletin_parse_note (
    release_id varchar not null,
    source_file varchar not null,
    line integer,
    note varchar not null
);
comment on table bulletin_parse_note is 'Readings of a bulletin page that a person should confirm: a period stated without a year (and the year taken), a rounded count not read, a list of names and shares that did not pair (none of it read).';
comment on column bulletin_parse_note.release_id is 'The document (bulletin_release).';
comment on column bulletin_parse_note.source_file is 'Landing file of the document.';
comment on column bulletin_parse_note.line is 'Line of the landing file the note concerns; NULL for the document as a whole.';
comment on column bulletin_parse_note.note is 'What was read, or not read, and why.';
