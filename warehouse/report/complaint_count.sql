-- Complaints in table complaint, without reading the records: every record of the manifest's exports
-- but the exact copies left out (complaint_copy); equal to count(*) of the view by construction.
select coalesce((select sum(records) from complaint_export), 0) - (select count(*) from complaint_copy) as complaints
