-- The years the analyst report shows: the latest annual notice's and the latest quarterly feed's
-- (a new year's feeds arrive before its notice).
select
    (select max(report_year) from bulletin) as notice_year,
    (select max(left(quarter, 4)::integer) from spot_check) as feed_year;
