-- One row per month some bulletin states national figures for, each month from the release we can defend.
create or replace view reports_monthly as
with figures as (
    select * from bulletin_figure
),

releases as (
    select * from bulletin_release
),

monthly as (
    select
        f.*,
        r.period_kind as release_period_kind,
        r.period_start as release_period_start,
        r.issued_on
    from figures as f
    inner join releases as r using (release_id)
    where
        f.region is null
        and f.measure in ('reports', 'accepted', 'not_accepted')
        and f.period_start = date_trunc('month', f.period_start)
        and f.period_end = last_day(f.period_start)
),

candidates as (
    select
        period_start as month,
        release_id,
        source_file,
        -- the month's own bulletin, rather than a page that mentions the month in passing
        bool_or(release_period_kind = 'month' and release_period_start = period_start) as own_bulletin,
        count(*) as figures,
        min(issued_on) as issued_on
    from monthly
    group by period_start, release_id, source_file
),

ranked as (
    select
        *,
        row_number() over (
            partition by month order by own_bulletin desc, figures desc, issued_on asc nulls last, release_id asc
        ) as choice,
        count(*) over (partition by month) as releases
    from candidates
),

chosen as (
    select * from ranked
    where choice = 1
),

conflicts as (
    select distinct period_start as month
    from figure_conflict
    where region is null and period_start = date_trunc('month', period_start) and period_end = last_day(period_start)
),

final as (
    select
        c.month,
        max(m.value) filter (where m.measure = 'reports' and m.category is null)::bigint as reports,
        max(m.value) filter (where m.measure = 'reports' and m.category = 'phone')::bigint as phone,
        max(m.value) filter (where m.measure = 'reports' and m.category = 'wechat')::bigint as wechat,
        max(m.value) filter (where m.measure = 'reports' and m.category = 'web')::bigint as web,
        max(m.value) filter (where m.measure = 'reports' and m.category = 'other')::bigint as other,
        max(m.value) filter (where m.measure = 'accepted' and m.category is null)::bigint as accepted,
        max(m.value) filter (where m.measure = 'not_accepted' and m.category is null)::bigint as not_accepted,
        c.releases,
        x.month is not null as conflicting,
        c.release_id as chosen_release_id,
        c.source_file as chosen_source_file,
        case
            when c.own_bulletin then 'the month''s own bulletin, with the most figures for the month'
            else 'no bulletin of the month itself; the release stating the most figures for it'
        end as chosen_because
    from chosen as c
    inner join monthly as m on c.release_id = m.release_id and c.month = m.period_start
    left join conflicts as x on c.month = x.month
    group by c.month, c.releases, x.month, c.release_id, c.source_file, c.own_bulletin
    order by c.month
)

select * from final;
comment on view reports_monthly is 'One row per month for which some bulletin document (bulletin_figure, bulletin_release) states national figures of exactly that calendar month: reports in total and by channel, accepted and not accepted, all from one release (the month''s own bulletin first, then the one stating most figures, then the earliest issued); releases counts the documents stating the month, conflicting says whether two documents disagree on a national figure of it (see figure_conflict).';
comment on column reports_monthly.month is 'First day of the month.';
comment on column reports_monthly.reports is 'National reports received in the month (measure reports, no category), as the chosen release states; NULL when it does not state them.';
comment on column reports_monthly.phone is 'Of which by phone (category phone, 电话), as the chosen release states; NULL when it does not.';
comment on column reports_monthly.wechat is 'Of which by WeChat (category wechat, 微信), as the chosen release states; NULL when it does not.';
comment on column reports_monthly.web is 'Of which on the web (category web, 网上), as the chosen release states; NULL when it does not.';
comment on column reports_monthly.other is 'Of which by other channels (category other, 其他), as the chosen release states; NULL when it does not. A channel the release names outside these four is in none of the columns.';
comment on column reports_monthly.accepted is 'Reports accepted in the month (measure accepted, no category), as the chosen release states; NULL when it does not.';
comment on column reports_monthly.not_accepted is 'Reports not accepted in the month (measure not_accepted, no category), as the chosen release states; NULL when it does not.';
comment on column reports_monthly.releases is 'Documents (bulletin_release) stating national reports, accepted or not_accepted figures of the month: the candidates the release was chosen from.';
comment on column reports_monthly.conflicting is 'True when figure_conflict has a pair of documents disagreeing on a national figure of the month, of any measure (not only those of this row); false otherwise.';
comment on column reports_monthly.chosen_release_id is 'The release the figures come from (bulletin_release.release_id): the month''s own monthly bulletin first, then the one stating most of these figures of the month, then the earliest issued_on (unknown last), then the lowest release_id.';
comment on column reports_monthly.chosen_source_file is 'Landing file of the chosen release.';
comment on column reports_monthly.chosen_because is 'Why that release: "the month''s own bulletin, with the most figures for the month" or "no bulletin of the month itself; the release stating the most figures for it".';
