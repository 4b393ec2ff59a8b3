-- The checksums of the feed files each published quarter was read from.
select
    quarter,
    detail_sha256,
    summary_sha256
from spot_check_feed
