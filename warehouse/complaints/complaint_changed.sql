-- The description of view complaint_changed (its columns are those of complaint).
comment on view complaint_changed is 'The records of table complaint in the partitions (month, province) the last build changed: every record when it computed the complaint tables whole. The checks of table complaint read these: every record published before passed them when it was published.';
