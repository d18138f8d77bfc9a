"""Control-plane latency: agent create, status read, lifecycle action, listing and bulk, over HTTP.

For each backend (SQLite in a fresh data folder; PostgreSQL in a fresh database on the local server, dropped at
the end) this starts a real `ams serve` process on a free 127.0.0.1 port, logs in as the first admin and, one
request at a time on one keep-alive connection:

- creates `--agents` agents (default 10,000): the create samples, and the registry every later step reads;
- reads the status of random agents; moves random agents provision -> deploy -> pause -> resume;
- walks the whole registry page by page (limit 100 and 500) and runs a filtered listing (tag + state);
- pauses and resumes 100 agents per bulk call (agents/s);
- after every measured request, times `GET /docs` (no login, no store: uvicorn and FastAPI alone), the floor of
  the same server under the same conditions, as other processes on 2 cores slow both alike. The health endpoint
  pings every store, so its cost grows with them; it is timed too, back to back, as a reference.

Each figure is a p50/p99 in milliseconds and its ratio to its floor's p50/p99, next to the seeds' targets
(registration 500 ms, status 200 ms) and AMS's aim (10 ms at p99). Results go to stdout and to a JSON file.

    .venv/bin/python benchmarks/control_plane.py [--agents 10000] [--backends sqlite,postgres] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import free_port, summary  # noqa: E402

HEALTH = "/api/v1/system/health"
FLOOR = "/docs"  # no login, no store: what uvicorn and FastAPI cost on their own
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
STARTUP_TIMEOUT_S = 60
STATUS_SAMPLES, LIFECYCLE_AGENTS, FILTERED_SAMPLES, HEALTH_SAMPLES = 2_000, 500, 200, 2_000
BULK_BATCHES, BULK_SIZE, WALKS = 5, 100, 5
CREATE_WARMUP = 50  # the first creates fill caches (statement compilation, pools) and are left out
SEED_TARGET_MS = {"create": 500.0, "status": 200.0}
AIM_P99_MS = 10.0
TEAMS = [f"team-{i}" for i in range(10)]
MOVES = ("provision", "deploy", "pause", "resume")
LISTINGS = ("list_100", "list_500", "list_filtered")

console = Console(width=None if sys.stdout.isatty() else 120)


def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
    }


def revision() -> str:
    """The commit measured, with a + when src/ has uncommitted changes."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + ("+" if git("status", "--porcelain", "src") else "")


def postgres_unreachable() -> str | None:
    """Why the local PostgreSQL cannot be used, or None when it can."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5):
            return None
    except Exception as exc:  # any reason at all means: skip, and say why
        return f"{type(exc).__name__}: {exc}"


def timed(
    client: httpx.Client, method: str, url: str, samples: list[float], floor: list[float] | None = None, **kwargs: Any
) -> httpx.Response:
    """One request timed into `samples`; with `floor`, followed by a floor request timed into that."""
    start = time.perf_counter()
    response = client.request(method, url, **kwargs)
    samples.append(time.perf_counter() - start)
    if response.status_code >= 400:
        raise RuntimeError(f"{method} {url} -> {response.status_code}: {response.text[:500]}")
    if floor is not None:
        timed(client, "GET", FLOOR, floor)
    return response


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database on the local PostgreSQL, dropped afterwards; its URL."""
    import psycopg

    name = f"ams_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}{HEALTH}", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@contextmanager
def ams_server(data_dir: Path, database_url: str | None, password: str) -> Iterator[str]:
    """`ams serve` as a subprocess on a free port; its base URL once health answers 200. Stopped on exit."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMS_")}
    env.update(
        AMS_DATA_DIR=str(data_dir),
        AMS_ADMIN_EMAIL="bench@ams.local",
        AMS_ADMIN_PASSWORD=password,
        AMS_LOG_LEVEL="warning",
    )
    if database_url:
        env["AMS_DATABASE_URL"] = database_url
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:  # a file, not a pipe: an unread pipe would block the server when full
        cmd = [sys.executable, "-m", "ams.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)]
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(base):
            if proc.poll() is not None or time.monotonic() > deadline:
                why = f"exited with {proc.returncode}" if proc.returncode is not None else "timed out"
                raise RuntimeError(f"ams serve {why} before answering health:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _create_agents(
    client: httpx.Client, agents: int, project_id: str, floor: list[float]
) -> tuple[list[str], list[float]]:
    ids: list[str] = []
    samples: list[float] = []
    started = time.perf_counter()
    for i in range(agents):
        body = {
            "name": f"bench-agent-{i:05d}",
            "platform": "custom",
            "project_id": project_id,
            "tags": [TEAMS[i % len(TEAMS)], "env:prod" if i % 3 else "env:staging"],
            "capabilities": ["chat", "search"] if i % 2 else ["chat"],
        }
        ids.append(timed(client, "POST", "/api/v1/agents", samples, floor, json=body).json()["id"])
        if (i + 1) % 1000 == 0:
            console.print(f"  created {i + 1:,}/{agents:,} agents ({time.perf_counter() - started:.0f} s)")
    warm = CREATE_WARMUP if agents > 2 * CREATE_WARMUP else 0
    del floor[:warm]
    return ids, samples[warm:]


def _walk(client: httpx.Client, agents: int, limit: int, pages: list[float], floor: list[float]) -> float:
    """Seconds spent in the page requests of a walk through the whole registry, `limit` agents a page."""
    seen, cursor, first = 0, None, len(pages)
    for _ in range(agents // limit + 2):  # bounded: at most one page beyond the registry
        params: dict[str, str | int] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        page = timed(client, "GET", "/api/v1/agents", pages, floor, params=params).json()
        seen, cursor = seen + len(page["items"]), page["next_cursor"]
        if cursor is None:
            break
    if seen != agents:
        raise RuntimeError(f"a walk with limit={limit} saw {seen} agents, not {agents}")
    return sum(pages[first:])


def _bulk(client: httpx.Client, ids: list[str], operation: str, samples: list[float]) -> None:
    body = {"operation": operation, "ids": ids, "reason": "bench"}
    result = timed(client, "POST", "/api/v1/agents/bulk", samples, json=body).json()
    if result["failed"]:
        raise RuntimeError(f"bulk {operation}: {result['failed']} failed, e.g. {result['results'][:3]}")


def run_operations(client: httpx.Client, agents: int, rng: random.Random) -> dict[str, Any]:
    """Every measurement, in order, on one server; warm-up calls are timed into a discarded list."""
    samples: dict[str, list[float]] = {op: [] for op in ("floor", "health", "status", *MOVES, *LISTINGS)}
    floors: dict[str, list[float]] = {op: [] for op in ("create", "status", "lifecycle", *LISTINGS)}
    for i in range(200 + HEALTH_SAMPLES):
        timed(client, "GET", FLOOR, samples["floor"] if i >= 200 else [])
        timed(client, "GET", HEALTH, samples["health"] if i >= 200 else [])
    project_id = client.get("/api/v1/projects").json()[0]["id"]
    ids, samples["create"] = _create_agents(client, agents, project_id, floors["create"])

    for i, agent_id in enumerate([*ids[:50], *rng.choices(ids, k=STATUS_SAMPLES)]):
        into, floor = (samples["status"], floors["status"]) if i >= 50 else ([], None)
        timed(client, "GET", f"/api/v1/agents/{agent_id}/status", into, floor)

    picked = rng.sample(ids, min(LIFECYCLE_AGENTS + 10, len(ids)))
    for i, agent_id in enumerate(picked):
        for move in MOVES:
            into, floor = (samples[move], floors["lifecycle"]) if i >= 10 else ([], None)
            timed(client, "POST", f"/api/v1/agents/{agent_id}/{move}", into, floor, json={"reason": "bench"})
    active = picked[10:]

    walks: dict[int, list[float]] = {100: [], 500: []}
    for limit in (100, 500):
        timed(client, "GET", "/api/v1/agents", [], params={"limit": limit})
        for _ in range(WALKS):
            walks[limit].append(_walk(client, agents, limit, samples[f"list_{limit}"], floors[f"list_{limit}"]))
    for i in range(10 + FILTERED_SAMPLES):
        params = {"tag": TEAMS[i % len(TEAMS)], "state": "active", "limit": 100}
        into, floor = (samples["list_filtered"], floors["list_filtered"]) if i >= 10 else ([], None)
        timed(client, "GET", "/api/v1/agents", into, floor, params=params)

    bulk: dict[str, list[float]] = {"pause": [], "resume": []}
    for i in range(1 + BULK_BATCHES):  # the first round warms up, on other agents
        batch = active[BULK_SIZE : 2 * BULK_SIZE] if i == 0 else active[:BULK_SIZE]
        for operation in ("pause", "resume"):
            _bulk(client, batch, operation, bulk[operation] if i else [])

    lifecycle = [x for move in MOVES for x in samples[move]]
    ops = {
        "floor": (samples["floor"], samples["floor"]),
        "health": (samples["health"], samples["floor"]),
        "create": (samples["create"], floors["create"]),
        "status": (samples["status"], floors["status"]),
        "lifecycle": (lifecycle, floors["lifecycle"]),
        **{f"lifecycle_{move}": (samples[move], floors["lifecycle"]) for move in MOVES},
        "list_page_100": (samples["list_100"], floors["list_100"]),
        "list_page_500": (samples["list_500"], floors["list_500"]),
        "list_filtered": (samples["list_filtered"], floors["list_filtered"]),
    }
    return {
        "agents": agents,
        "operations": {name: _figures(name, *pair) for name, pair in ops.items()},
        "walks_s": {f"limit_{limit}": {"median": statistics.median(w), "runs": w} for limit, w in walks.items()},
        "bulk": {
            op: {**summary(s), "batch": BULK_SIZE, "agents_per_s": BULK_SIZE / statistics.median(s)}
            for op, s in bulk.items()
        },
    }


def _figures(name: str, samples: list[float], floor: list[float]) -> dict[str, Any]:
    figures, base = summary(samples), summary(floor)
    return {
        **figures,
        "floor_p50_ms": base["p50_ms"],
        "floor_p99_ms": base["p99_ms"],
        "ratio_p50": figures["p50_ms"] / base["p50_ms"],
        "ratio_p99": figures["p99_ms"] / base["p99_ms"],
        "seed_target_ms": SEED_TARGET_MS.get(name),
        "aim_p99_ms": None if name in ("floor", "health") else AIM_P99_MS,
    }


def load_average() -> list[float]:
    """1, 5 and 15 minute load: another busy process on 2 cores shows in every figure."""
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def bench_backend(backend: str, agents: int, seed: int) -> dict[str, Any]:
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix=f"ams-bench-{backend}-") as tmp:
        with postgres_database() if backend == "postgres" else nullcontext() as database_url:
            with ams_server(Path(tmp), database_url, password) as base:
                login = {"email": "bench@ams.local", "password": password}
                answer = httpx.post(f"{base}/api/v1/auth/login", json=login, timeout=30).raise_for_status()
                token = answer.json()["access_token"]
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                    return run_operations(client, agents, random.Random(seed))


def print_backend(backend: str, result: dict[str, Any]) -> None:
    table = Table(title=f"{backend}: {result['agents']:,} agents, sequential HTTP/1.1 keep-alive")
    columns = ("operation", "n", "p50 ms", "p99 ms", "floor p50", "floor p99", "x p50", "x p99", "seed", "p99<10ms")
    for column in columns:
        table.add_column(column, justify="left" if column == "operation" else "right")
    for name, f in result["operations"].items():
        target = f"{f['seed_target_ms']:.0f} ms" if f["seed_target_ms"] else "-"
        aim = "-" if f["aim_p99_ms"] is None else ("yes" if f["p99_ms"] < f["aim_p99_ms"] else "no")
        table.add_row(
            name, f"{f['n']:,}", f"{f['p50_ms']:.2f}", f"{f['p99_ms']:.2f}", f"{f['floor_p50_ms']:.2f}",
            f"{f['floor_p99_ms']:.2f}", f"{f['ratio_p50']:.1f}", f"{f['ratio_p99']:.1f}", target, aim,
        )  # fmt: skip
    console.print(table)
    for limit in (100, 500):
        walk = result["walks_s"][f"limit_{limit}"]
        console.print(f"  walk of all {result['agents']:,} agents, limit={limit}: {walk['median']:.2f} s (median)")
    for op, f in result["bulk"].items():
        console.print(f"  bulk {op} x{BULK_SIZE}: p50 {f['p50_ms']:.0f} ms -> {f['agents_per_s']:,.0f} agents/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=10_000, help="agents to create (default 10,000)")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--out", type=Path, default=Path("bench-out/control_plane.json"), help="JSON results")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random agent choices")
    args = parser.parse_args()
    if args.agents < 2 * BULK_SIZE + 10:
        parser.error(f"--agents must be at least {2 * BULK_SIZE + 10}")
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if unknown := set(backends) - {"sqlite", "postgres"}:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")

    report: dict[str, Any] = {"benchmark": "control_plane", "date": datetime.now(UTC).isoformat(timespec="seconds")}
    report |= {"machine": machine(), "revision": revision(), "command": " ".join(["python", *sys.argv])}
    report["backends"] = {}
    console.print(f"machine: {report['machine']}")
    for backend in backends:
        console.rule(f"{backend}")
        if backend == "postgres" and (why := postgres_unreachable()):
            console.print(f"[bold red]SKIPPED postgres: {PG_ADMIN_URL} is unreachable ({why})[/bold red]")
            report["backends"][backend] = {"skipped": why}
            continue
        load_before = load_average()
        report["backends"][backend] = bench_backend(backend, args.agents, args.seed)
        report["backends"][backend] |= {"load_average_before": load_before, "load_average_after": load_average()}
        print_backend(backend, report["backends"][backend])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    console.print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
