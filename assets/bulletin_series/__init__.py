"""The bulletin series: the monthly, quarterly, half-year and annual 12369 figures, read from saved web pages."""
