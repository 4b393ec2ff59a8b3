-- One row per region and year: acceptance and completion side by side, with the region's names.
create or replace view province_handling as
with provinces as (
    select * from handling_by_province
),

regions as (
    select * from region
),

acceptance as (
    select * from provinces
    where stage = 'acceptance'
),

completion as (
    select * from provinces
    where stage = 'completion'
),

final as (
    select
        acceptance.report_year,
        acceptance.province,
        regions.full_name,
        regions.macro_region,
        acceptance.late_count as late_accepted,
        acceptance.on_time_pct as on_time_accept_pct,
        acceptance.avg_days as avg_accept_days,
        completion.late_count as overdue_completed,
        completion.on_time_pct as on_time_complete_pct,
        completion.avg_days as avg_complete_days
    from acceptance
    inner join completion using (report_year, province)
    left join regions using (province)
)

select * from final;
comment on view province_handling is 'One row per region and year with both stages in 附件3 of the notice (handling_by_province): its acceptance and completion figures side by side, with its full name and macro-region from table region.';
comment on column province_handling.report_year is 'Year the notice reports on.';
comment on column province_handling.province is 'Region short name as printed in 附件3, inner spaces removed (北京, 内蒙古, 兵团); see table region.';
comment on column province_handling.full_name is 'Official full name of the region, e.g. 内蒙古自治区 (region.full_name); NULL if the name printed is not in table region.';
comment on column province_handling.macro_region is 'National Bureau of Statistics region: east, central, west or northeast (region.macro_region); NULL if the name printed is not in table region.';
comment on column province_handling.late_accepted is 'Reports not accepted on time (未按期受理数, acceptance table of 附件3); WeChat and web reports only, phone reports count as accepted at once.';
comment on column province_handling.on_time_accept_pct is 'Share of reports accepted on time (按期受理率), percent on a 0-100 scale as printed.';
comment on column province_handling.avg_accept_days is 'Average days to accept a report (平均受理天数), as printed.';
comment on column province_handling.overdue_completed is 'Reports completed after the deadline (超期办结数, completion table of 附件3), all channels.';
comment on column province_handling.on_time_complete_pct is 'Share of reports completed on time (按期办结率), percent on a 0-100 scale as printed.';
comment on column province_handling.avg_complete_days is 'Average days to complete a report (平均办结天数), as printed.';
