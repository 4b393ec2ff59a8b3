-- Which bureaus have no working online-reporting page on their website?
-- From 附件2: every unit not listed as 挂载 (mounted): 未挂载 (not_mounted), 无网站 (no_website) or
-- 链接故障 (link_failure). also_listed_as_mounted flags a unit the notice also lists as mounted
-- (双鸭山 in 2017).
with portal as (
    select * from portal_status
),

mounted as (
    select distinct
        report_year,
        province,
        level,
        unit
    from portal
    where status = 'mounted'
)

select
    portal.report_year,
    portal.province,
    portal.level,
    portal.unit,
    portal.status,
    mounted.unit is not null as also_listed_as_mounted,
    portal.source_line
from portal
left join mounted using (report_year, province, level, unit)
where portal.status <> 'mounted'
order by portal.report_year, portal.status, portal.province, portal.unit;
