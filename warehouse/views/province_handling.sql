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
comment on view province_handling is 'One row per region and year: 附件3''s acceptance and completion figures side by side, with the region''s full name and macro-region.';
