drop view complaint_changed
