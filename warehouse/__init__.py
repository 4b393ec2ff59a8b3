"""The lowest layer: the DuckDB warehouse beside the SQL it runs.

Staging copies, write-audit-publish, the writer lock, the table registry and the catalog of column
descriptions. Nothing here imports Dagster or the layers above (assets/, pipelines/).
"""
