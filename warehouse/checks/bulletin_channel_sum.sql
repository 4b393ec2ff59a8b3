-- Each notice's total beside the sum of its three channels (phone + WeChat + web).
with bulletins as (
    select * from bulletin
),

final as (
    select
        bulletin_id,
        total_reports,
        phone_reports + wechat_reports + web_reports as channel_sum
    from bulletins
)

select * from final
