drop view complaint
