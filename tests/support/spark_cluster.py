"""A Spark standalone cluster on loopback: a master and two workers, started from the scripts and jars
of the pyspark wheel, and stopped with every process they started (tests/test_spark_cluster.py).

Each daemon runs in a process group of its own (its executors are its children), and every process
whose working folder lies in the cluster's scratch folder counts as the cluster's, so that `survivors`
can tell whether anything it started outlived `stop`."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
LOOPBACK = "127.0.0.1"
# The JVMs of a test's cluster run short jobs on two cores: the quick client compiler alone, and the
# serial collector, roughly halve their times here (the server compiler pays off on long jobs only).
QUICK_START_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def quick_start_conf_dir(folder: Path) -> Path:
    """A SPARK_CONF_DIR whose spark-defaults.conf gives the driver and executors QUICK_START_JVM, two
    shuffle partitions, no whole-stage code generation and no web UI (the test's data are small):
    read by every driver this process starts."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"spark.driver.extraJavaOptions {QUICK_START_JVM}",
        f"spark.executor.extraJavaOptions {QUICK_START_JVM}",
        "spark.sql.shuffle.partitions 2",
        # Small data: generating and compiling Java for every stage costs more than it saves.
        "spark.sql.codegen.wholeStage false",
        "spark.ui.enabled false",
    ]
    (folder / "spark-defaults.conf").write_text("\n".join(lines) + "\n")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def spark_class() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent / "bin" / "spark-class"


@dataclass
class LoopbackCluster:
    scratch: Path
    workers: int = 2
    worker_memory: str = "2g"  # an executor of 1 GB (Spark's default) and room
    master_port: int = field(default_factory=free_port)
    master_ui_port: int = field(default_factory=free_port)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def master_url(self) -> str:
        return f"spark://{LOOPBACK}:{self.master_port}"

    def _environment(self) -> dict:
        return {
            **os.environ,
            "SPARK_LOCAL_IP": LOOPBACK,
            "SPARK_LOCAL_DIRS": str(self.scratch / "local"),
            "SPARK_LOG_DIR": str(self.scratch / "logs"),
            "SPARK_WORKER_DIR": str(self.scratch / "work"),
            "SPARK_DAEMON_JAVA_OPTS": QUICK_START_JVM,
            # The executors run the Python of this environment (pyspark's workers), as the driver does.
            "PYSPARK_PYTHON": sys.executable,
        }

    def _daemon(self, name: str, arguments: list[str]) -> None:
        folder = self.scratch / name
        folder.mkdir(parents=True, exist_ok=True)
        log = open(self.scratch / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [str(spark_class()), *arguments],
            cwd=folder,
            env=self._environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)

    def start(self, timeout: float = 90) -> "LoopbackCluster":
        for folder in ("local", "logs", "work"):
            (self.scratch / folder).mkdir(parents=True, exist_ok=True)
        self._daemon(
            "master", [MASTER_CLASS, "--host", LOOPBACK, "--port", str(self.master_port), "--webui-port", str(self.master_ui_port)]
        )
        for number in range(1, self.workers + 1):
            self._daemon(
                f"worker{number}",
                [
                    WORKER_CLASS,
                    self.master_url,
                    "--host",
                    LOOPBACK,
                    "--cores",
                    "1",
                    "--memory",
                    self.worker_memory,
                    "--webui-port",
                    str(free_port()),
                    "--work-dir",
                    str(self.scratch / "work"),
                ],
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.alive_workers() == self.workers:
                return self
            if any(process.poll() is not None for process in self.processes):
                break
            time.sleep(0.5)
        logs = {path.name: path.read_text(errors="replace")[-2000:] for path in sorted(self.scratch.glob("*.log"))}
        self.stop()
        raise RuntimeError(f"the loopback cluster did not come up with {self.workers} workers in {timeout:.0f} s: {logs}")

    def alive_workers(self) -> int:
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{self.master_ui_port}/json/", timeout=2) as answer:
                state = json.load(answer)
        except OSError:
            return 0
        return int(state.get("aliveworkers", 0))

    def stop(self, timeout: float = 30) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        # Executors are the workers' children: a worker stopped by SIGTERM kills them, and any left over
        # are found by their working folder (under work/).
        for pid in self.survivors():
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)

    def survivors(self) -> list[int]:
        """Processes still running that this cluster started: the daemons, and any process working in
        its scratch folder (an executor works in work/<application>/<executor>/)."""
        found = [process.pid for process in self.processes if process.poll() is None]
        scratch = str(self.scratch.resolve())
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                working = os.readlink(entry / "cwd")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if working.startswith(scratch) and state != "Z" and int(entry.name) not in found:
                found.append(int(entry.name))
        return found
