-- Where were reports handled late at either stage, and what share of the nation's late reports is that?
-- From 附件3: late acceptances (WeChat and web) and overdue completions (all channels) per province,
-- next to the 全国 row of the same table.
with scorecard as (
    select * from province_scorecard
),

national as (
    select
        report_year,
        max(late_count) filter (where stage = 'acceptance') as national_late_accepted,
        max(late_count) filter (where stage = 'completion') as national_overdue_completed
    from handling_national
    group by report_year
)

select
    scorecard.report_year,
    scorecard.province,
    scorecard.late_accepted,
    round(100.0 * scorecard.late_accepted / national.national_late_accepted, 1) as pct_of_national_late,
    scorecard.overdue_completed,
    round(100.0 * scorecard.overdue_completed / national.national_overdue_completed, 1) as pct_of_national_overdue
from scorecard
inner join national using (report_year)
where scorecard.late_accepted > 0 or scorecard.overdue_completed > 0
order by scorecard.report_year asc, scorecard.late_accepted + scorecard.overdue_completed desc, scorecard.province;
