delete from complaint_export
where list_contains($source_files, source_file)
