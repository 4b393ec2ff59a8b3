-- Removes the given releases from every table of the bulletin series, before they are read again or
-- because their file left the landing folder.
delete from bulletin_figure
where release_id in (select unnest($release_ids));
delete from bulletin_parse_note
where release_id in (select unnest($release_ids));
delete from bulletin_release
where release_id in (select unnest($release_ids));
