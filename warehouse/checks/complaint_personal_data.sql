-- Each export, and the personal-data columns dropped from it on reading.
select
    source_file,
    array_to_string(personal_data_columns, '、') as personal_data_columns,
    len(personal_data_columns) = 0 as no_personal_data
from complaint_export
order by source_file
