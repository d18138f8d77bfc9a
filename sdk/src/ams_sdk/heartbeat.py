"""Heartbeats: the process's CPU and memory, its tasks, and the agent's own metrics, every few seconds.

Read from the standard library only (no psutil): CPU as process time over wall time since the last beat, memory
as the resident set from /proc where there is one, else the peak the OS reports.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

logger = logging.getLogger("ams_sdk")


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _total_mb() -> float:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return 0.0


class TaskCounters:
    """Tasks running, done and failed in this process; the decorators count, the heartbeat reports."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.active = 0
        self.completed = 0
        self.failed = 0

    def started(self) -> None:
        with self._lock:
            self.active += 1

    def finished(self, ok: bool) -> None:
        with self._lock:
            self.active -= 1
            if ok:
                self.completed += 1
            else:
                self.failed += 1


class Heartbeat:
    """A daemon thread putting one heartbeat in the outbox every `interval_s`."""

    def __init__(self, interval_s: float, emit: Callable[[dict[str, Any]], None], tasks: TaskCounters) -> None:
        self.interval_s = interval_s
        self.tasks = tasks
        self._emit = emit
        self._metrics: dict[str, float] = {}
        self._gauges: dict[str, Callable[[], float]] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._cpu_mark = (time.monotonic(), time.process_time())
        self._total_mb = _total_mb()
        self._thread = threading.Thread(target=self._run, name="ams-sdk-heartbeat", daemon=True)

    def start(self) -> None:
        if self.interval_s > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stopping.set()

    def set_metric(self, name: str, value: float) -> None:
        with self._lock:
            self._metrics[name] = float(value)

    def gauge(self, name: str, read: Callable[[], float]) -> None:
        with self._lock:
            self._gauges[name] = read

    def beat(self) -> dict[str, Any]:
        """The heartbeat as of now (and the CPU mark moved to now)."""
        wall, cpu = time.monotonic(), time.process_time()
        last_wall, last_cpu = self._cpu_mark
        self._cpu_mark = (wall, cpu)
        cpu_percent = 100.0 * (cpu - last_cpu) / (wall - last_wall) if wall > last_wall else 0.0
        rss = _rss_mb()
        with self._lock:
            metrics = dict(self._metrics)
            gauges = list(self._gauges.items())
        for name, read in gauges:
            try:
                metrics[name] = float(read())
            except Exception as exc:  # the agent's gauge failing must not stop the heartbeat
                logger.debug("AMS SDK: gauge %s failed: %s", name, exc)
        return {
            "time": datetime.now(UTC).isoformat(),
            "cpu_percent": round(cpu_percent, 2),
            "memory_mb": round(rss, 2),
            "memory_percent": round(100.0 * rss / self._total_mb, 3) if self._total_mb else 0.0,
            "active_tasks": max(self.tasks.active, 0),
            "completed_tasks": self.tasks.completed,
            "failed_tasks": self.tasks.failed,
            "metrics": metrics,
        }

    def _run(self) -> None:
        self._emit(self.beat())
        while not self._stopping.wait(self.interval_s):
            self._emit(self.beat())
