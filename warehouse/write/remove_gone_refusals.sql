-- Drops the refusals of files no longer in the landing folder with the bytes that were refused
-- ($landed_files: path under the landing folder and SHA-256 of every file there).
delete from refused_input
where (source_file || ':' || source_sha256) not in (select unnest($landed_files))
