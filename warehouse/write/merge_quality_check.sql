-- Replaces the rows of the checks this run evaluated (registered as run_checks); rows of checks the
-- run did not evaluate (another partition run's, say) stay as published.
delete from quality_check
where (asset, check_name) in (
    select
        asset,
        check_name
    from run_checks
);
insert into quality_check by name select * from run_checks;
