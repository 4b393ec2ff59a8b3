-- Each month of records_monthly, and whether its parts add up to its total.
select
    month,
    reports,
    phone + wechat + web + other = reports and accepted + not_accepted = reports as adds_up
from records_monthly
order by month
