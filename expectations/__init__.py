"""Great Expectations (GX Core 1.x) suites, one JSON file per warehouse table, and the code that runs them."""
