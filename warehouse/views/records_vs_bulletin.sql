-- The complaint records' monthly counts beside the bulletin series' national figures, month by month.
create or replace view records_vs_bulletin as
with records as (
    select * from records_monthly
),

bulletins as (
    select * from reports_monthly
),

regions as (
    -- 兵团 reports through Xinjiang's platform; a national set has the 31 provincial-level divisions.
    select count(*) filter (where gb2260_code is not null) as provincial_divisions from region
),

final as (
    select
        records.month,
        records.reports as records_reports,
        bulletins.reports as bulletin_reports,
        round(100.0 * (records.reports - bulletins.reports) / bulletins.reports, 2) as difference_pct,
        records.phone as records_phone,
        bulletins.phone as bulletin_phone,
        records.wechat as records_wechat,
        bulletins.wechat as bulletin_wechat,
        records.web as records_web,
        bulletins.web as bulletin_web,
        records.accepted as records_accepted,
        bulletins.accepted as bulletin_accepted,
        records.provinces as record_provinces,
        case when records.provinces >= regions.provincial_divisions then 'national' else 'provinces: ' || records.province_list end
            as coverage,
        bulletins.chosen_source_file as bulletin_source_file
    from records
    inner join bulletins using (month)
    cross join regions
    order by records.month
)

select * from final;
comment on view records_vs_bulletin is 'For months with both, the complaint records'' counts (table records_monthly) beside the bulletin series'' national figures (view reports_monthly). A national set of records should match; a set of some provinces will not, and coverage says whose records they are.';
