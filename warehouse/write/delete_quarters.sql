-- Removes the given quarters from every spot-check table, before they are ingested again.
delete from spot_check
where quarter in (select unnest($quarters));
delete from spot_check_summary
where quarter in (select unnest($quarters));
delete from spot_check_national
where quarter in (select unnest($quarters));
delete from spot_check_feed
where quarter in (select unnest($quarters));
