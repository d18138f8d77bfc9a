"""OTLP ingest end to end: spans/s over HTTP into AMS's embedded store, and the same load against Arize Phoenix.

The load is PEERS.md's: traces of 6 OpenInference spans (an agent root, three LLM calls with `llm.model_name`,
`llm.token_count.*` and a ~500-byte `input.value`, two tool calls), 100 traces (600 spans) per OTLP/HTTP
protobuf request, 8 concurrent clients. Every request body is different (fresh trace and span ids) and built
before the clock starts, in a separate client process with 8 threads, so that the client does little but
send; the client's CPU is measured and reported, as it shares the 2 cores with the server.

AMS: a fresh `ams serve` on a fresh data dir, a project key (agent_owner) and `--batches` requests per run. AMS
answers only once the spans are durable, so its acknowledged rate is its durable rate. After each run the
spans are counted twice: through the API (`/agents/{agent}/kpis?window=1h` → `spans`) and, after the server
was killed with SIGKILL, by opening its store in a fresh process (`count()` with and without FINAL). 429/503
answers are retried after Retry-After and counted; they are not losses.

Phoenix (`--phoenix`, its own venv; skipped, loudly, when absent), a fresh `phoenix serve` for each run. Two
kinds of run: the same `--batches` requests as AMS, for its acknowledged rate under that load (it answers 503 once
its span queue is full, so each run stops sending after `--time-cap` seconds); and `--phoenix-batches` requests
(it persists about 100 spans/s), after which its SQLite `spans` count is polled (read-only) until it reaches what
was acknowledged or `--persist-cap` seconds: the rate at which spans become queryable.

Each figure is the median of `--runs` runs. Results go to stdout and to `bench-out/ingest.json`.

    .venv/bin/python benchmarks/ingest.py [--phoenix /tmp/phoenix-venv/bin/phoenix] [--batches 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    admin_client,
    ams_server,
    console,
    cpu_seconds,
    free_port,
    load_average,
    machine,
    project_key,
    rss_mib,
    serve,
    wait_until_quiet,
)
from _otlp_load import AGENT, SPANS_PER_BATCH, SPANS_PER_TRACE, build_bodies  # noqa: E402

CLIENTS = 8
PROTOBUF = {"Content-Type": "application/x-protobuf"}


def _client_process(
    url: str, headers: dict[str, str], batches: int, run_tag: int, cap_s: float, ready: Any, go: Any, out: Any
) -> None:
    """The load: build the bodies, say so, wait for go, send them with CLIENTS threads, report. No batch is
    started after `cap_s` seconds, and a refused batch is not retried past it (it then counts as unsent)."""
    bodies = build_bodies(batches, run_tag)
    ready.set()
    go.wait()
    lock, next_index = threading.Lock(), iter(range(len(bodies)))
    acked, retried, failed, latencies = [0], {"429": 0, "503": 0}, [], []
    deadline = time.perf_counter() + cap_s

    def worker() -> None:
        with httpx.Client(headers={**headers, **PROTOBUF}, timeout=120) as client:
            while True:
                with lock:
                    index = next(next_index, None)
                if index is None or time.perf_counter() > deadline:
                    return
                for _ in range(100):  # bounded retries of one batch
                    if time.perf_counter() > deadline:
                        break
                    begun = time.perf_counter()
                    try:
                        answer = client.post(url, content=bodies[index])
                    except httpx.HTTPError as exc:
                        failed.append(f"{type(exc).__name__}: {exc}")
                        break
                    if answer.status_code in (429, 503):
                        with lock:
                            retried[str(answer.status_code)] += 1
                        time.sleep(float(answer.headers.get("retry-after", "1")))  # Phoenix sends none: 1 s
                        continue
                    with lock:
                        latencies.append(time.perf_counter() - begun)
                        if answer.status_code == 200:
                            acked[0] += SPANS_PER_BATCH
                        else:
                            failed.append(f"{answer.status_code}: {answer.text[:200]}")
                    break

    cpu0, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu1 = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    latencies.sort()
    out.put(
        {
            "batches": len(bodies),
            "batches_unsent_at_cap": len(bodies) - acked[0] // SPANS_PER_BATCH - len(failed),
            "body_kib": round(statistics.fmean(map(len, bodies)) / 1024, 1),
            "acked_spans": acked[0],
            "retried": retried,
            "failed": failed[:20],
            "failures": len(failed),
            "elapsed_s": elapsed,
            "client_cpu_s": cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime,
            "request_p50_ms": latencies[len(latencies) // 2] * 1e3 if latencies else None,
            "request_p99_ms": latencies[int(len(latencies) * 0.99)] * 1e3 if latencies else None,
        }
    )


def send_load(
    url: str, headers: dict[str, str], batches: int, run_tag: int, server_pid: int, cap_s: float = 120
) -> dict[str, Any]:
    """Run the client process against a ready server; its report plus the server's CPU use and rate."""
    ctx = mp.get_context("spawn")
    ready, go, out = ctx.Event(), ctx.Event(), ctx.Queue()
    client = ctx.Process(target=_client_process, args=(url, headers, batches, run_tag, cap_s, ready, go, out))
    client.start()
    if not ready.wait(600):
        client.kill()
        raise RuntimeError("the client process did not build its requests in 600 s")
    cpu0, started = cpu_seconds(server_pid), time.time()
    go.set()
    result = out.get(timeout=3600)
    client.join(60)
    server_cpu = cpu_seconds(server_pid) - cpu0
    result |= {
        "started_at": started,
        "server_cpu_s": server_cpu,
        "server_rss_mib": rss_mib(server_pid),
        "acked_spans_per_s": result["acked_spans"] / result["elapsed_s"],
        "server_cpu_ms_per_span": server_cpu * 1e3 / max(result["acked_spans"], 1),
    }
    return result


_COUNT = """
import sys
from pathlib import Path
from ams.telemetry.store.chdb_store import ChdbStore
store = ChdbStore(Path(sys.argv[1]))
print(store.query("SELECT count() FROM spans FINAL").scalar(), store.query("SELECT count() FROM spans").scalar())
store.close()
"""


def run_ams(batches: int, run_tag: int, load_cap_s: float) -> dict[str, Any]:
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="ams-bench-ingest-") as tmp:
        data = Path(tmp) / "data"
        with ams_server(data, password) as server, admin_client(server.base, password) as admin:
            _, key = project_key(admin)
            headers = {"Authorization": f"Bearer {key}"}
            warm = httpx.post(
                f"{server.base}/v1/traces",
                content=build_bodies(1, run_tag + 1)[0],
                headers={**headers, **PROTOBUF},
                timeout=60,
            )
            warm.raise_for_status()  # registers the agent and warms caches; counted below as 600 extra spans
            result = send_load(f"{server.base}/v1/traces", headers, batches, run_tag, server.proc.pid, load_cap_s)
            kpis = admin.get(f"/api/v1/agents/{AGENT}/kpis", params={"window": "1h"}).raise_for_status().json()
            result["stored_via_api"] = kpis["kpis"]["spans"] - SPANS_PER_BATCH
            health = admin.get("/api/v1/system/health").json()["ingest"]
            result["server_rejected_requests"] = health["rejected_requests"]
            server.proc.send_signal(signal.SIGKILL)  # no drain: what is stored now was stored at acknowledgement
            server.proc.wait(30)
        counted = subprocess.run(
            [sys.executable, "-c", _COUNT, str(data / "telemetry")],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout.split()
        result["stored_after_kill_final"] = int(counted[0]) - SPANS_PER_BATCH
        result["stored_after_kill_raw"] = int(counted[1]) - SPANS_PER_BATCH
    result["lost"] = result["acked_spans"] - result["stored_after_kill_final"]
    return result


def _phoenix_count(db: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM spans").fetchone()[0])
    except sqlite3.Error:
        return None  # not created yet, or locked this instant


def run_phoenix(phoenix: str, batches: int, run_tag: int, cap_s: float, load_cap_s: float) -> dict[str, Any]:
    """One Phoenix run; with `cap_s` 0 only its acknowledged rate (what it persisted by then is noted)."""
    with tempfile.TemporaryDirectory(prefix="phoenix-bench-") as tmp:
        port, work = free_port(), Path(tmp) / "work"
        work.mkdir()
        env = {
            **os.environ,
            "PHOENIX_PORT": str(port),
            "PHOENIX_GRPC_PORT": str(free_port()),
            "PHOENIX_HOST": "127.0.0.1",
            "PHOENIX_WORKING_DIR": str(work),
            "PHOENIX_TELEMETRY_ENABLED": "false",
            "PHOENIX_ALLOW_EXTERNAL_RESOURCES": "false",
        }
        base = f"http://127.0.0.1:{port}"
        with serve([phoenix, "serve"], env, Path(tmp) / "phoenix.log", base, "/healthz") as server:
            result = send_load(f"{base}/v1/traces", {}, batches, run_tag, server.proc.pid, load_cap_s)
            db, acked = work / "phoenix.db", result["acked_spans"]
            at_ack = _phoenix_count(db) or 0
            deadline, count, cpu0 = result["started_at"] + cap_s, at_ack, cpu_seconds(server.proc.pid)
            while cap_s and count < acked and time.time() < deadline:
                time.sleep(1.0)
                count = _phoenix_count(db) or count
            persisted_s = time.time() - result["started_at"]
            result |= {
                "persisted_at_ack": at_ack,
                "persisted": count,
                "not_persisted_at_cap": acked - count,
                "persist_s": persisted_s,
                "persisted_spans_per_s": count / persisted_s,
                "server_cpu_while_persisting_s": cpu_seconds(server.proc.pid) - cpu0,
                "server_rss_mib": rss_mib(server.proc.pid),
            }
    return result


def _phoenix_version(phoenix: str) -> str:
    python = Path(phoenix).with_name("python")
    code = "import importlib.metadata as m; print(m.version('arize-phoenix'))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=60).stdout.strip()


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def print_report(report: dict[str, Any]) -> None:
    table = Table(title=f"OTLP/HTTP protobuf ingest, {SPANS_PER_BATCH} spans/request, {CLIENTS} clients (median)")
    for column in (
        "peer",
        "spans/run",
        "ack spans/s",
        "persisted spans/s",
        "not stored",
        "429/503",
        "req p50 ms",
        "server CPU ms/span",
        "client CPU s",
    ):
        table.add_column(column, justify="left" if column == "peer" else "right")
    for name, s in report["summary"].items():
        table.add_row(
            name,
            f"{s['spans_per_run']:,}",
            f"{s['acked_spans_per_s']:,.0f}",
            f"{s['persisted_spans_per_s']:,.0f}",
            f"{s['lost']:,}",
            str(s["retried"]),
            f"{s['request_p50_ms']:.0f}",
            f"{s['server_cpu_ms_per_span']:.3f}",
            f"{s['client_cpu_s']:.1f}",
        )
    console.print(table)
    for key, value in report.get("ratios", {}).items():
        console.print(f"  {key}: {value:,.1f}x")


def _summarise(runs: list[dict[str, Any]], persisted_key: str) -> dict[str, Any]:
    return {
        "spans_per_run": int(_median(runs, "acked_spans")),
        **{
            k: _median(runs, k)
            for k in ("acked_spans_per_s", "request_p50_ms", "server_cpu_ms_per_span", "client_cpu_s")
        },
        "persisted_spans_per_s": _median(runs, persisted_key),
        "lost": max(r.get("lost", r.get("not_persisted_at_cap", 0)) for r in runs),
        "retried": sum(sum(r["retried"].values()) for r in runs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=500, help="AMS requests of 600 spans per run (500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per peer; figures are medians (3)")
    parser.add_argument("--phoenix", default="/tmp/phoenix-venv/bin/phoenix", help="the `phoenix` executable")
    parser.add_argument("--time-cap", type=float, default=60, help="seconds after which a run sends no more (60)")
    parser.add_argument("--phoenix-batches", type=int, default=30, help="Phoenix requests per run (30)")
    parser.add_argument("--persist-cap", type=float, default=600, help="seconds to wait for Phoenix to persist")
    parser.add_argument(
        "--max-busy",
        type=float,
        default=0.15,
        help="first wait (up to 5 min) until the CPU is less busy than this fraction (0.15)",
    )
    parser.add_argument("--out", type=Path, default=Path("bench-out/ingest.json"), help="JSON results")
    args = parser.parse_args()
    report: dict[str, Any] = {
        "benchmark": "ingest",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join(["python", *sys.argv]),
        "load": {"spans_per_trace": SPANS_PER_TRACE, "spans_per_request": SPANS_PER_BATCH, "clients": CLIENTS},
        "runs": {},
        "summary": {},
    }
    console.print(f"machine: {report['machine']}")
    report["machine_state_before"] = wait_until_quiet(args.max_busy, 300)
    ams_runs = []
    for run in range(args.runs):
        ams_runs.append(run_ams(args.batches, 1000 + run, args.time_cap))
        r = ams_runs[-1]
        console.print(
            f"  AMS run {run + 1}: {r['acked_spans_per_s']:,.0f} spans/s acknowledged, "
            f"{r['stored_after_kill_final']:,} of {r['acked_spans']:,} stored after SIGKILL, "
            f"retried {r['retried']}, load {load_average()[0]:.2f}"
        )
    report["runs"]["ams"] = ams_runs
    report["summary"]["AMS"] = _summarise(ams_runs, "acked_spans_per_s")
    if not Path(args.phoenix).exists():
        console.print(f"[bold red]SKIPPED Phoenix: {args.phoenix} does not exist (see --help)[/bold red]")
        report["runs"]["phoenix"] = {"skipped": f"{args.phoenix} does not exist"}
    else:
        report["phoenix_version"] = _phoenix_version(args.phoenix)
        runs: dict[str, list[dict[str, Any]]] = {"same_load": [], "persist": []}
        for run in range(args.runs):  # the acknowledged rate under AMS's load, not waiting for persistence
            runs["same_load"].append(r := run_phoenix(args.phoenix, args.batches, 2000 + run, 0, args.time_cap))
            console.print(
                f"  Phoenix run {run + 1}, {args.batches} requests: {r['acked_spans_per_s']:,.0f} spans/s "
                f"acknowledged, {r['persisted_at_ack']:,} of {r['acked_spans']:,} persisted by then"
            )
        for run in range(args.runs):
            runs["persist"].append(
                r := run_phoenix(args.phoenix, args.phoenix_batches, 3000 + run, args.persist_cap, args.time_cap)
            )
            console.print(
                f"  Phoenix run {run + 1}, {args.phoenix_batches} requests: {r['acked_spans_per_s']:,.0f} "
                f"spans/s acknowledged, {r['persisted']:,} of {r['acked_spans']:,} persisted after "
                f"{r['persist_s']:.0f} s ({r['persisted_spans_per_s']:,.0f}/s)"
            )
        report["runs"]["phoenix"] = runs
        phoenix = _summarise(runs["same_load"], "acked_spans_per_s")
        persisted = _summarise(runs["persist"], "persisted_spans_per_s")
        phoenix |= {
            "persisted_spans_per_s": persisted["persisted_spans_per_s"],
            "lost": persisted["lost"],
            "persist_run_spans": persisted["spans_per_run"],
            "persist_run_acked_spans_per_s": persisted["acked_spans_per_s"],
        }
        report["summary"][f"Phoenix {report['phoenix_version']}"] = phoenix
        ams = report["summary"]["AMS"]
        report["ratios"] = {
            "AMS durable / Phoenix acknowledged": ams["acked_spans_per_s"] / phoenix["acked_spans_per_s"],
            "AMS durable / Phoenix persisted": ams["acked_spans_per_s"] / phoenix["persisted_spans_per_s"],
            "AMS durable / Phoenix acknowledged in its short runs": ams["acked_spans_per_s"]
            / phoenix["persist_run_acked_spans_per_s"],
        }
    report["load_average_after"] = load_average()
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    console.print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
