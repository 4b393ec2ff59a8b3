-- Which targets are reported again and again?
-- From repeat_target: targets with three complaints within 90 days (重复举报), with all their complaints
-- and the spellings the records use for them. Most complaints first.
select
    repeated.province,
    repeated.city,
    repeated.example_target,
    repeated.complaints,
    repeated.first_reported_at::date as first_reported,
    repeated.last_reported_at::date as last_reported,
    count(distinct complaint.target) as spellings
from repeat_target as repeated
inner join complaint
    on
        repeated.province = complaint.province
        and repeated.city = complaint.city
        and repeated.target_key = complaint.target_key
group by all
order by repeated.complaints desc, repeated.province asc, repeated.city asc, repeated.example_target asc
limit 20;
