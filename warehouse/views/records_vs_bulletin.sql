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
comment on view records_vs_bulletin is 'One row per month in both records_monthly (the complaint records counted as the bulletins count reports) and reports_monthly (the bulletin series'' national figures): the two sets of counts side by side, which should match for a national set of records and will not for a set of some provinces (see coverage).';
comment on column records_vs_bulletin.month is 'First day of the month.';
comment on column records_vs_bulletin.records_reports is 'Complaints reported in the month (by 举报时间) in the records (records_monthly.reports).';
comment on column records_vs_bulletin.bulletin_reports is 'National reports received in the month, as the chosen bulletin release states (reports_monthly.reports); NULL when it does not state them.';
comment on column records_vs_bulletin.difference_pct is '(records_reports - bulletin_reports) / bulletin_reports x 100, percent on a 0-100 scale rounded to 2 decimals, negative when the records hold fewer; NULL when bulletin_reports is NULL.';
comment on column records_vs_bulletin.records_phone is 'Of the records, by phone (电话, 热线) (records_monthly.phone).';
comment on column records_vs_bulletin.bulletin_phone is 'National reports by phone, as the chosen bulletin release states (reports_monthly.phone); NULL when it does not.';
comment on column records_vs_bulletin.records_wechat is 'Of the records, by WeChat (records_monthly.wechat).';
comment on column records_vs_bulletin.bulletin_wechat is 'National reports by WeChat, as the chosen bulletin release states (reports_monthly.wechat); NULL when it does not.';
comment on column records_vs_bulletin.records_web is 'Of the records, on the web (records_monthly.web).';
comment on column records_vs_bulletin.bulletin_web is 'National reports on the web, as the chosen bulletin release states (reports_monthly.web); NULL when it does not.';
comment on column records_vs_bulletin.records_accepted is 'Of the records, accepted (已受理) (records_monthly.accepted).';
comment on column records_vs_bulletin.bulletin_accepted is 'National reports accepted, as the chosen bulletin release states (reports_monthly.accepted); NULL when it does not.';
comment on column records_vs_bulletin.record_provinces is 'Provinces with records in the month (records_monthly.provinces): a national set has 31 or 32.';
comment on column records_vs_bulletin.coverage is '''national'' when record_provinces is at least the number of provincial-level divisions (the regions with a GB/T 2260 code in table region, 31: 兵团 reports through Xinjiang''s platform); else ''provinces: '' and their names separated by 、 (records_monthly.province_list).';
comment on column records_vs_bulletin.bulletin_source_file is 'Landing file of the release the bulletin figures come from (reports_monthly.chosen_source_file).';
