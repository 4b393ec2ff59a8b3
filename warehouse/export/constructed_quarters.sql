-- Quarters whose spot-check feed says, in its rows' note, that it is a constructed sample.
select quarter
from spot_check
group by quarter
having bool_or(coalesce(note, '') ilike '%constructed%')
order by quarter
