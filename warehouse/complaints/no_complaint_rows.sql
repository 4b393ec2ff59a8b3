-- complaint_rows when the manifest lists no raw file: no rows, with the columns of table complaint.
select * from complaint
where false
