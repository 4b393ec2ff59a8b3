-- View complaint_changed when no partition changed: the columns of complaint, no row.
create view complaint_changed as
select * from complaint
where false
