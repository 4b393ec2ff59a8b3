"""A Dagster logger for the command line: one short line per step, table and check, nothing else."""

import logging
import sys

import dagster as dg

_MARK = {True: "ok  ", False: "FAIL"}


class _ProgressHandler(logging.Handler):
    """Prints as events arrive, except a run's partitioned materializations: Dagster records those in
    no particular order, so they wait until the next other event and are printed by asset, then
    partition (2017Q1 before 2017Q2)."""

    def __init__(self):
        super().__init__()
        self._partitioned: list[tuple[str, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", {})
        event = meta.get("dagster_event")
        if event is not None and event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            if materialization.partition:
                asset = materialization.asset_key.to_user_string()
                self._partitioned.append((asset, materialization.partition, self._describe(event)))
                return
        self._flush_partitioned()
        if event is None:
            message = meta.get("orig_message") or record.getMessage()
            if "Not executing" in message:
                # Dagster's note that a step was skipped because a step it waits for failed.
                print(f"  skip   {meta.get('step_key')}", file=sys.stderr, flush=True)
            elif record.levelno >= logging.WARNING:
                print(f"  warning: {message}", file=sys.stderr, flush=True)
            return
        line = self._describe(event)
        if line:
            print(line, file=sys.stderr, flush=True)

    def _flush_partitioned(self) -> None:
        first_seen = {}
        for asset, _, _ in self._partitioned:
            first_seen.setdefault(asset, len(first_seen))
        for _, _, line in sorted(self._partitioned, key=lambda item: (first_seen[item[0]], item[1])):
            print(line, file=sys.stderr, flush=True)
        self._partitioned.clear()

    @staticmethod
    def _describe(event: dg.DagsterEvent) -> str | None:
        kind = event.event_type
        if kind == dg.DagsterEventType.STEP_START:
            return f"  step   {event.step_key}"
        if kind == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            rows = materialization.metadata.get("dagster/row_count") or materialization.metadata.get("rows_written_by_run")
            suffix = f" ({rows.value} rows)" if rows is not None else ""
            partition = f" [{materialization.partition}]" if materialization.partition else ""
            return f"  wrote  {materialization.asset_key.to_user_string()}{partition}{suffix}"
        if kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            return (
                f"  check  {_MARK[evaluation.passed]} [{evaluation.severity.value:<5}] "
                f"{evaluation.asset_key.to_user_string()}.{evaluation.check_name}"
            )
        if kind == dg.DagsterEventType.STEP_FAILURE:
            return f"  failed {event.step_key}"
        return None


@dg.logger(description="Short progress lines on stderr, used by `eco12369 build`.")
def progress_logger(_init_context) -> logging.Logger:
    logger = logging.getLogger("eco12369.progress")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(_ProgressHandler())
    return logger
