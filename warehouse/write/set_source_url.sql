-- The address a page was saved from, as the landing folder's SOURCES.csv says now.
update bulletin_release set source_url = $url
where source_file = $source_file
