"""The Spark session of the complaint step, as Dagster's own integration gives it (dagster-pyspark).

The resource is `spark`: dagster-pyspark's LazyPySparkResource, which starts no session until the step
asks for one (a build on DuckDB never does). Where the dependency group spark is not installed, a
resource of the same configuration stands in, and asking it for a session says what to install.
The master is the resource's `spark.master` (launchpad: resources.spark.config.spark_config;
`eco12369 build --spark-master URL`)."""

from typing import Any

import dagster as dg

from assets.complaints.spark_engine import SPARK_INSTALL_HINT
from assets.errors import ConfigurationError

SPARK_RESOURCE_KEY = "spark"
# A session on this machine unless configured otherwise. The driver listens on loopback, so that the
# executors of a cluster on this machine reach it; a cluster elsewhere sets spark.driver.host.
DEFAULT_SPARK_CONFIG = {
    "spark.master": "local[2]",
    "spark.app.name": "eco12369 complaint tables",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    # The complaint tables are aggregates: a few shuffle partitions are plenty (the default is 200).
    "spark.sql.shuffle.partitions": "8",
}


class SparkNotInstalled(dg.ConfigurableResource):
    """Stands in for dagster-pyspark's LazyPySparkResource where the group spark is not installed: the
    same configuration, and a session that says what is missing."""

    spark_config: dict[str, Any]

    @property
    def spark_session(self) -> Any:
        raise ConfigurationError(SPARK_INSTALL_HINT)


def spark_resource(spark_config: dict[str, Any] | None = None) -> dg.ConfigurableResource:
    config = {**DEFAULT_SPARK_CONFIG, **(spark_config or {})}
    try:
        from dagster_pyspark import LazyPySparkResource
    except ImportError:
        return SparkNotInstalled(spark_config=config)
    return LazyPySparkResource(spark_config=config)


def start_session(resource: Any) -> Any:
    """The resource's session, or a ConfigurationError that says why there is none (no pyspark, no
    Java, a master that does not answer)."""
    try:
        return resource.spark_session
    except ConfigurationError:
        raise
    except Exception as error:  # pyspark raises its own kinds for a missing Java or an unreachable master
        master = resource.spark_config.get("spark.master", "?")
        raise ConfigurationError(f"no Spark session on master {master}: {error}. {SPARK_INSTALL_HINT}") from error
