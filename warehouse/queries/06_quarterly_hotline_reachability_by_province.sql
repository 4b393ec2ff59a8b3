-- Quarter by quarter, what share of each province's bureaus answered the hotline check?
-- From the quarterly feeds' summary files (one column per quarter, reachable_pct 0-100).
-- The 2017 feeds shipped with the project are CONSTRUCTED SAMPLES, not official figures.
pivot (select
    province,
    quarter,
    reachable_pct
from spot_check_summary)
on quarter
using first(reachable_pct)
order by province;
