-- The spot-check feeds the published warehouse was read from, one per quarter.
select
    quarter,
    detail_file,
    detail_sha256
from spot_check_feed
order by quarter
