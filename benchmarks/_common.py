"""What the ingest and query benchmarks share: the machine, a real `ams serve` process, logins and keys.

`control_plane.py` keeps its own copies of some of these: it predates this module and is left as it is.
"""

from __future__ import annotations

import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console

HEALTH = "/api/v1/system/health"
ADMIN_EMAIL = "bench@ams.local"
STARTUP_TIMEOUT_S = 120

console = Console(width=None if sys.stdout.isatty() else 120)


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def load_average() -> list[float]:
    """1, 5 and 15 minute load: another busy process on 2 cores shows in every figure."""
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def cpu_busy(seconds: float = 3.0) -> float:
    """Fraction of the machine's CPU time (all cores) spent busy over `seconds`. The load average is a poor
    guide here: this VM shows a load near 1 with nothing running."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = values[3] + values[4]
        return sum(values) - idle, sum(values)

    busy0, total0 = sample()
    time.sleep(seconds)
    busy1, total1 = sample()
    return (busy1 - busy0) / max(total1 - total0, 1)


def wait_until_quiet(max_busy: float, max_wait_s: float) -> dict[str, Any]:
    """Wait (bounded) until other processes use less than `max_busy` of the CPU; the state when measuring."""
    deadline = time.monotonic() + max_wait_s
    while (busy := cpu_busy()) > max_busy and time.monotonic() < deadline:
        console.print(f"  machine busy ({busy:.0%} of the CPU in use > {max_busy:.0%}); waiting")
        time.sleep(10)
    if busy > max_busy:
        console.print(f"[bold yellow]measuring on a busy machine: {busy:.0%} of the CPU in use[/bold yellow]")
    return {"cpu_busy_before": round(busy, 3), "load_average": load_average()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def summary(samples: list[float]) -> dict[str, Any]:
    """p50/p99/mean in ms of samples in seconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "n": len(samples),
        "p50_ms": cuts[49] * 1e3,
        "p99_ms": cuts[98] * 1e3,
        "mean_ms": statistics.fmean(samples) * 1e3,
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code < 500
    except httpx.TransportError:
        return False


@dataclass
class Process:
    base: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]


@contextmanager
def serve(cmd: list[str], env: dict[str, str], log_path: Path, base: str, probe: str) -> Iterator[Process]:
    """A server subprocess, logging to a file (an unread pipe would block it), stopped on exit."""
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    running = Process(base, proc, log_path)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _answers(base + probe):
            if proc.poll() is not None or time.monotonic() > deadline:
                why = f"exited with {proc.returncode}" if proc.returncode is not None else "timed out"
                raise RuntimeError(f"{cmd[0]} {why} before answering:\n{running.log_tail()}")
            time.sleep(0.2)
        yield running
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@contextmanager
def ams_server(data_dir: Path, password: str, **extra_env: str) -> Iterator[Process]:
    """`ams serve` on a free 127.0.0.1 port with its data in `data_dir`; ready once health answers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMS_")}
    env.update(
        AMS_DATA_DIR=str(data_dir),
        AMS_ADMIN_EMAIL=ADMIN_EMAIL,
        AMS_ADMIN_PASSWORD=password,
        AMS_LOG_LEVEL="warning",
        **extra_env,
    )
    cmd = [sys.executable, "-m", "ams.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
    data_dir.mkdir(parents=True, exist_ok=True)
    with serve(cmd, env, data_dir.parent / f"ams-{port}.log", f"http://127.0.0.1:{port}", HEALTH) as server:
        yield server


def admin_client(base: str, password: str, timeout: float = 120) -> httpx.Client:
    answer = httpx.post(f"{base}/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": password}, timeout=30)
    token = answer.raise_for_status().json()["access_token"]
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=timeout)


def project_key(admin: httpx.Client, role: str = "agent_owner") -> tuple[str, str]:
    """(project id, secret) of a new project key of the first project."""
    project_id = admin.get("/api/v1/projects").raise_for_status().json()[0]["id"]
    created = admin.post("/api/v1/api-keys", json={"project_id": project_id, "role": role, "name": "bench"})
    return project_id, created.raise_for_status().json()["key"]
