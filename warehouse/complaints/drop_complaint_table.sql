drop table complaint
