-- Table complaint_quality in a fixed order: its rows as stored depend on how it was written (whole, or
-- a few partitions at a time), and a check's outcome names the failing rows in the frame's order.
select * from complaint_quality
order by all
