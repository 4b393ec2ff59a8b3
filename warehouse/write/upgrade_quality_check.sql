-- Columns quality_check gained after it was first published (warehouse/tables/quality_check.sql):
-- a warehouse published before keeps its rows, and the columns are empty for them. The columns'
-- descriptions are the DDL's, set again after this.
alter table quality_check add column if not exists validated_at timestamp;
alter table quality_check add column if not exists validated_in_run varchar;
