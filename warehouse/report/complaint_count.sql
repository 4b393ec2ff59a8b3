select count(*) as complaints from complaint
