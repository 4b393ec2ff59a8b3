drop view if exists complaint_rows
