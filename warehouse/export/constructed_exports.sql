-- Published complaint exports that are constructed samples: the generator names them constructed-...
-- and says so in a 说明 column, which is outside the contract and dropped on reading.
select source_file
from complaint_export
where source_file ilike 'constructed-%'
order by source_file
