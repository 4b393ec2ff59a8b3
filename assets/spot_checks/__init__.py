"""The quarterly spot-check feeds: their contract, parsing, sample data and the Dagster assets built on them."""
