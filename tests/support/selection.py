"""What a test's run materializes when the test is about reading, checking and publishing: every asset
of the job but what is made of the published warehouse afterwards (the report, the Data Docs and the
downloads), which have tests of their own. Each of those costs a run a second or more, and these tests
make many runs."""

import dagster as dg

from pipelines.jobs import PUBLISHING_AND_AFTER

MADE_AFTER_PUBLISHING = frozenset(dg.AssetKey(name) for name in PUBLISHING_AND_AFTER if name != "published_warehouse")


def up_to_publishing(job: dg.JobDefinition, selection=None) -> list[dg.AssetKey]:
    """The assets of `selection` (by default all the job's) but those made after publishing."""
    keys = job.asset_layer.selected_asset_keys if selection is None else selection
    return [key for key in keys if key not in MADE_AFTER_PUBLISHING]
