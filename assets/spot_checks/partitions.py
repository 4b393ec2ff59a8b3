"""One partition per quarter, from 2017Q1 (the first year of the notices) to the current quarter."""

import datetime as dt

import dagster as dg

from assets.spot_checks.quarters import quarter_of, quarters_through

# Static keys that read like the feed files ('2017Q3'); the list grows by one each quarter as the
# code location is reloaded. Time-window partitions would name quarters by their first day instead.
quarter_partitions = dg.StaticPartitionsDefinition(quarters_through(quarter_of(dt.date.today())))
