-- The reconciliation of complete years with the annual notice (view hotline_reconciliation).
select * from hotline_reconciliation
order by all
