-- From complaint_rows: the records of whole months (all provinces), or all records.
insert into records_monthly by name
select
    date_trunc('month', reported_at)::date as month,
    count(*) as reports,
    count_if(channel = 'phone') as phone,
    count_if(channel = 'wechat') as wechat,
    count_if(channel = 'web') as web,
    count_if(channel = 'other') as other,
    count_if(accepted) as accepted,
    count_if(not accepted) as not_accepted,
    count(distinct province) as provinces,
    -- Sorted distinct names joined: Spark SQL 4.0 fails on listagg(distinct ...) within group (order by ...).
    array_to_string(list_sort(list_distinct(list(province))), '、') as province_list
from complaint_rows
group by all
order by all
