"""Reference data the project maintains itself: the list of regions, with its sources named in the file."""
