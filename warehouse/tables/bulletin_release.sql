-- One row per bulletin document in <landing>/bulletins/: the series pages and the annual notices.
create table if not exists bulletin_release (
    release_id varchar primary key,
    source_file varchar not null,
    source_sha256 varchar not null,
    source_url varchar,
    kind varchar not null,
    title varchar,
    issued_on date,
    period_kind varchar not null,
    period_start date not null,
    period_end date not null,
    script varchar not null,
    cut_off boolean not null,
    figure_count integer not null,
    parse_note_count integer not null,
    reader_version varchar not null
);
comment on table bulletin_release is 'One row per bulletin document: a monthly, multi-month, quarterly, half-year or annual 12369 bulletin saved from the web, or an annual notice. Its period is read from the text, never from the file name.';
comment on column bulletin_release.release_id is 'The first 16 hex digits of the document''s SHA-256: two outlets'' copies of one bulletin are two releases.';
comment on column bulletin_release.source_file is 'Landing file the document was read from.';
comment on column bulletin_release.source_sha256 is 'SHA-256 of the landing file.';
comment on column bulletin_release.source_url is 'Where the page was saved from, per <landing>/bulletins/SOURCES.csv; NULL if it does not say.';
comment on column bulletin_release.kind is '''series_page'' (a saved bulletin page) or ''annual_notice'' (the notice whose attachments fill the annual tables).';
comment on column bulletin_release.title is 'The page''s title line as printed (original script), NULL if the saved text has none.';
comment on column bulletin_release.issued_on is 'Publication date printed on the page before its first figure (a full date only), NULL if none.';
comment on column bulletin_release.period_kind is 'month, months (e.g. 1-10月), quarter, half_year or year: the period the document reports on.';
comment on column bulletin_release.period_start is 'First day of the document''s period.';
comment on column bulletin_release.period_end is 'Last day of the document''s period.';
comment on column bulletin_release.script is 'simplified or traditional, as printed; traditional text is converted (OpenCC t2s) for reading only.';
comment on column bulletin_release.cut_off is 'True when the saved text ends mid-sentence.';
comment on column bulletin_release.figure_count is 'Figures read from the document (rows of bulletin_figure).';
comment on column bulletin_release.parse_note_count is 'Doubtful readings noted (rows of bulletin_parse_note).';
comment on column bulletin_release.reader_version is 'Checksum of the code that read the document: a build reads a document again when its bytes or this code changed.';
