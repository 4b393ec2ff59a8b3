-- Per month: the complaint records counted as the bulletins count reports.
create or replace table records_monthly (
    month date not null,
    reports bigint not null,
    phone bigint not null,
    wechat bigint not null,
    web bigint not null,
    other bigint not null,
    accepted bigint not null,
    not_accepted bigint not null,
    provinces bigint not null,
    province_list varchar not null
);
comment on table records_monthly is 'One row per month of 举报时间 in the complaint records: reports by channel, accepted and not accepted, in the shape of the bulletin series'' view reports_monthly.';
comment on column records_monthly.month is 'First day of the month.';
comment on column records_monthly.reports is 'Complaints reported in the month.';
comment on column records_monthly.phone is 'Of which by phone (电话, 热线).';
comment on column records_monthly.wechat is 'Of which by WeChat.';
comment on column records_monthly.web is 'Of which on the web.';
comment on column records_monthly.other is 'Of which by other channels.';
comment on column records_monthly.accepted is 'Of which accepted (已受理).';
comment on column records_monthly.not_accepted is 'Of which not accepted (不予受理).';
comment on column records_monthly.provinces is 'Provinces with records in the month: a national set has 31 or 32.';
comment on column records_monthly.province_list is 'Those provinces, separated by 、.';
