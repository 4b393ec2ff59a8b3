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
comment on view figure_conflict is 'One row per pair of documents in bulletin_figure that state one figure (period, region, measure, category) differently, beyond the rounding of the less precise statement: a revision, a paraphrase gone wrong, or two ways of counting (a channel counted inside "其他" by one document and apart by another).';
comment on column figure_conflict.period_start is 'First day of the period both figures are about (bulletin_figure.period_start; a year-to-date 1-10月 figure starts on 1 January).';
comment on column figure_conflict.period_end is 'Last day of the period both figures are about.';
comment on column figure_conflict.region is 'NULL for the nation; else the province as printed (short name, simplified script), the same in both documents.';
comment on column figure_conflict.measure is 'What both figures measure (bulletin_figure.measure, e.g. reports, reports_share_pct, accepted, reports_mom_pct 环比, reports_yoy_pct 同比).';
comment on column figure_conflict.category is 'Channel, pollution type or industry both figures are for (bulletin_figure.category); NULL for all reports.';
comment on column figure_conflict.release_a is 'The document of the pair with the lower release_id (bulletin_release.release_id, 16 hex digits of its SHA-256): a and b are ordered by this id, not by publication.';
comment on column figure_conflict.source_file_a is 'Landing file of document a.';
comment on column figure_conflict.value_a is 'The figure as document a states it (bulletin_figure.value; percentages on a 0-100 scale, changes signed as the text says).';
comment on column figure_conflict.source_line_a is 'Line of document a''s landing file (of the page''s text, for HTML) the figure is printed on.';
comment on column figure_conflict.quote_a is 'The words of document a the figure was read from (simplified script, spaces removed).';
comment on column figure_conflict.release_b is 'The document of the pair with the higher release_id (bulletin_release.release_id).';
comment on column figure_conflict.source_file_b is 'Landing file of document b.';
comment on column figure_conflict.value_b is 'The figure as document b states it: more than 0.5 x 10^-d away from value_a, d being the fewer decimals printed of the two.';
comment on column figure_conflict.source_line_b is 'Line of document b''s landing file (of the page''s text, for HTML) the figure is printed on.';
comment on column figure_conflict.quote_b is 'The words of document b the figure was read from (simplified script, spaces removed).';
