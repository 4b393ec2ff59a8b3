-- Which figures do two bulletins state differently, and where does each say so?
-- From view figure_conflict; a disagreement beyond the rounding of the printed figures.
select
    period_start,
    period_end,
    measure,
    coalesce(category, 'all') as category,
    value_a,
    source_file_a,
    source_line_a,
    value_b,
    source_file_b,
    source_line_b
from figure_conflict
order by period_start, measure, category;
