"""The annual 12369 notice: reading its text, parsing its tables, and the Dagster assets built on it."""
