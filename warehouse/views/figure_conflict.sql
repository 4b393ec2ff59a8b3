-- Figures of one period, region, measure and category that two documents state differently (beyond the
-- rounding of the less precise one).
create or replace view figure_conflict as
with figures as (
    select * from bulletin_figure
),

pairs as (
    select
        a.period_start,
        a.period_end,
        a.region,
        a.measure,
        a.category,
        a.release_id as release_a,
        a.source_file as source_file_a,
        a.value as value_a,
        a.source_line as source_line_a,
        a.quote as quote_a,
        b.release_id as release_b,
        b.source_file as source_file_b,
        b.value as value_b,
        b.source_line as source_line_b,
        b.quote as quote_b,
        0.5 * power(10, -least(a.decimals, b.decimals)) as rounding
    from figures as a
    inner join figures as b
        on
            a.period_start = b.period_start
            and a.period_end = b.period_end
            and a.region is not distinct from b.region
            and a.measure = b.measure
            and a.category is not distinct from b.category
            and a.release_id < b.release_id
),

final as (
    select * exclude (rounding)
    from pairs
    where abs(value_a - value_b) > rounding + 1e-9
    order by all
)

select * from final;
comment on view figure_conflict is 'One row per pair of documents that state one figure (period, region, measure, category) differently, beyond the rounding of the less precise statement: a revision, a paraphrase gone wrong, or two ways of counting (a channel counted inside "其他" by one document and apart by another).';
