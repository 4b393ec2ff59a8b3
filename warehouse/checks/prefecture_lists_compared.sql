-- Prefecture-level units named in 附件1 (hotline) or 附件2 (online page), and whether each names them.
with hotline as (
    select distinct
        report_year,
        province,
        unit
    from hotline_check
    where level = 'prefecture'
),

portal as (
    select distinct
        report_year,
        province,
        unit
    from portal_status
    where level = 'prefecture'
),

final as (
    select
        coalesce(h.report_year, p.report_year) as report_year,
        coalesce(h.province, p.province) as province,
        coalesce(h.unit, p.unit) as unit,
        case
            when h.unit is null then 'only in 附件2 (online page), not in 附件1 (hotline)'
            when p.unit is null then 'only in 附件1 (hotline), not in 附件2 (online page)'
        end as mismatch
    from hotline as h
    full outer join portal as p using (report_year, province, unit)
    order by all
)

select * from final
