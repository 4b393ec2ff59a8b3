-- What in one export breaks the contract, rule by rule in the contract's order: the first record
-- (source_row), the column's header, the value found, what was expected, and how many records break it.
with problems as (
    select
        1 as rule,
        source_row,
        '举报编号' as header,
        '' as found,
        'a complaint id' as expected
    from typed_export
    where complaint_id is null
    union all
    select
        2 as rule,
        source_row,
        '举报时间' as header,
        coalesce(reported_at_text, '') as found,
        'a date and time, like 2017-03-01 09:30:00 or 2017/03/01 09:30' as expected
    from typed_export
    where reported_at is null
    union all
    select
        3 as rule,
        source_row,
        '举报渠道' as header,
        coalesce(channel_text, '') as found,
        'one of ' || array_to_string($channel_words, ', ') as expected
    from typed_export
    where channel is null
    union all
    select
        4 as rule,
        source_row,
        '省份' as header,
        coalesce(province_text, '') as found,
        'a province or region (山东 or 山东省)' as expected
    from typed_export
    where province is null
    union all
    select
        5 as rule,
        source_row,
        '地市' as header,
        coalesce(city_text, '') as found,
        'a reporting unit of ' || province || ' (prefectures.csv: a GB/T 2260 prefecture or a platform unit, with or without its suffix)'
            as expected
    from typed_export
    where province is not null and city is null
    union all
    select
        6 as rule,
        source_row,
        '受理状态' as header,
        coalesce(status_text, '') as found,
        'one of ' || array_to_string($status_words, ', ') as expected
    from typed_export
    where accepted is null
    union all
    select
        7 as rule,
        source_row,
        '办理结果' as header,
        outcome_text as found,
        'one of ' || array_to_string($outcome_words, ', ') || ', or empty' as expected
    from typed_export
    where outcome_text is not null and outcome is null
    union all
    select
        8 as rule,
        source_row,
        '污染类型' as header,
        pollution_text as found,
        'types among ' || array_to_string($pollution_words, ', ') || ' (污染/破坏 optional), separated by 、 , ， ; ；' as expected
    from typed_export
    where len(pollution_unknown) > 0
    union all
    select
        9 as rule,
        source_row,
        '受理时间' as header,
        accepted_at_text as found,
        'a date and time, or empty' as expected
    from typed_export
    where accepted_at_text is not null and accepted_at is null
    union all
    select
        10 as rule,
        source_row,
        '办结时间' as header,
        completed_at_text as found,
        'a date and time, or empty' as expected
    from typed_export
    where completed_at_text is not null and completed_at is null
    union all
    select
        11 as rule,
        source_row,
        '录入时间' as header,
        entered_at_text as found,
        'a date and time, or empty' as expected
    from typed_export
    where entered_at_text is not null and entered_at is null
    union all
    select
        12 as rule,
        source_row,
        '受理时间' as header,
        accepted_at_text as found,
        'a time not before 举报时间 ' || reported_at_text as expected
    from typed_export
    where accepted_at < reported_at
    union all
    select
        13 as rule,
        source_row,
        '办结时间' as header,
        completed_at_text as found,
        'a time not before 受理时间 ' || accepted_at_text as expected
    from typed_export
    where completed_at < accepted_at
),

final as (
    select
        rule,
        min(source_row) as source_row,
        arg_min(header, source_row) as header,
        arg_min(found, source_row) as found,
        arg_min(expected, source_row) as expected,
        count(*) as records
    from problems
    group by rule
    order by rule
)

select * from final
