-- Which cities' complaint records most often lack a key field?
-- From complaint_quality (the records in <landing>/complaints/): the share of records with target,
-- pollution type, industry and (when accepted) outcome, over all months; the notice's 数据质量 finding
-- asks for complete records. Least complete first.
select
    province,
    city,
    sum(records)::bigint as records,
    (sum(records) - sum(complete_records))::bigint as incomplete,
    sum(missing_target)::bigint as missing_target,
    sum(missing_outcome)::bigint as missing_outcome,
    sum(missing_pollution)::bigint as missing_pollution,
    sum(missing_industry)::bigint as missing_industry,
    round(100.0 * sum(complete_records) / sum(records), 2) as completeness_pct
from complaint_quality
group by province, city
order by completeness_pct asc, records desc, province asc, city asc
limit 20;
