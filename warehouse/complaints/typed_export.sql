-- One export's records, typed by the contract: the text cells of table export_cells (trimmed, missing
-- markers already null) next to what they mean. A value outside its vocabulary, or a date that does not
-- parse, is null here beside its text; export_violations.sql finds those.
create or replace temp table typed_export as
-- Each distinct 污染类型 text is split and looked up once (an export repeats a few dozen texts).
with pollution_names as (
    select
        pollution_text,
        list_filter(
            list_transform(regexp_split_to_array(pollution_text, $pollution_separators), lambda name: trim(name)),
            lambda name: name <> ''
        ) as names
    from (
        select distinct pollution_types as pollution_text
        from export_cells
        where pollution_types is not null
    ) as texts
),

pollution_codes as (
    select
        pollution_text,
        list_transform(
            names,
            lambda name: $pollution_codes[list_position($pollution_words, regexp_replace(name, $pollution_suffix, ''))]
        ) as codes,
        list_filter(names, lambda name: list_position($pollution_words, regexp_replace(name, $pollution_suffix, '')) is null)
            as unknown_names
    from pollution_names
),

final as (
    select
        cells.source_row,
        cells.complaint_id,
        cells.reported_at as reported_at_text,
        try_strptime(cells.reported_at, $timestamp_formats) as reported_at,
        cells.channel as channel_text,
        $channel_codes[list_position($channel_words, cells.channel)] as channel,
        cells.province as province_text,
        provinces.province,
        cells.city as city_text,
        cities.city,
        cities.prefecture_code,
        cells.county,
        cells.target,
        cells.target_key,
        cells.target_address,
        cells.pollution_types as pollution_text,
        -- In the contract's order, each type once.
        case
            when cells.pollution_types is not null
                then list_filter($pollution_order, lambda code: list_contains(pollution_codes.codes, code))  -- noqa: RF02
        end as pollution_types,
        pollution_codes.unknown_names as pollution_unknown,
        cells.industry,
        cells.accepted as status_text,
        $status_codes[list_position($status_words, cells.accepted)] as accepted,
        cells.accepted_at as accepted_at_text,
        try_strptime(cells.accepted_at, $timestamp_formats) as accepted_at,
        cells.completed_at as completed_at_text,
        try_strptime(cells.completed_at, $timestamp_formats) as completed_at,
        cells.outcome as outcome_text,
        $outcome_codes[list_position($outcome_words, cells.outcome)] as outcome,
        cells.entered_at as entered_at_text,
        try_strptime(cells.entered_at, $timestamp_formats) as entered_at
    from export_cells as cells
    left join pollution_codes on cells.pollution_types = pollution_codes.pollution_text
    left join province_spelling as provinces on cells.province = provinces.spelling
    left join prefecture_spelling as cities on provinces.province = cities.province and cells.city = cities.spelling
)

select * from final
