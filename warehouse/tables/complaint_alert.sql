-- Weeks in which complaints about one pollution type in one city jumped (预警).
create or replace table complaint_alert (
    week_start date not null,
    province varchar not null,
    city varchar not null,
    pollution_type varchar not null,
    complaints bigint not null,
    baseline double not null
);
comment on table complaint_alert is 'Early warnings (预警): a week (Monday to Sunday, wholly inside the range of all reported_at) in which a city had at least 10 complaints naming a pollution type and at least 3 times the mean of the 8 weeks before (weeks with none count 0; the week needs 8 counted weeks before it). A complaint counts once for each type it names.';
comment on column complaint_alert.week_start is 'Monday of the week.';
comment on column complaint_alert.province is 'Province, short name.';
comment on column complaint_alert.city is 'Prefecture, short name.';
comment on column complaint_alert.pollution_type is 'air, noise, water, solid_waste, radiation, ecology or other.';
comment on column complaint_alert.complaints is 'Complaints in the week naming the type.';
comment on column complaint_alert.baseline is 'Mean complaints per week naming the type in the 8 weeks before.';
