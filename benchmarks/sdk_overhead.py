"""What the SDK adds to an agent: time per decorated task and per guarded tool call, against a real `ams serve`.

Each round times the same small unit of work (about 0.1 ms of Python) undecorated (the baseline), as an
`@ams_sdk.task`, as an `@ams_sdk.tool` (which asks AMS's guard over HTTP before running), inside `ams_sdk.span()`,
and as a task before `init` (the SDK present but not connected). Rounds interleave the variants so that the
machine's drift hits them alike; the figures are medians over rounds of each variant's mean per call. Wall time per
call is what the agent waits; CPU per call is the whole process's CPU time (the agent's thread plus the SDK's thread
encoding and sending the spans) over the calls.

    .venv/bin/python benchmarks/sdk_overhead.py [--calls 500] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import admin_client, ams_server, console, cpu_busy, load_average, machine  # noqa: E402

import ams_sdk  # noqa: E402

PASSWORD = "bench-sdk-pw-1"


def work(n: int = 1500) -> int:
    return sum(i * i for i in range(n))


def _agent_key(admin: Any) -> str:
    project = admin.get("/api/v1/projects").raise_for_status().json()[0]["id"]
    agent = admin.post("/api/v1/agents", json={"name": "bench-sdk", "platform": "custom", "project_id": project})
    agent_id = agent.raise_for_status().json()["id"]
    for action in ("provision", "deploy"):
        admin.post(f"/api/v1/agents/{agent_id}/{action}", json={}).raise_for_status()
    return str(admin.post("/api/v1/api-keys", json={"agent_id": agent_id}).raise_for_status().json()["key"])


def _time(fn: Callable[[], Any], calls: int) -> tuple[float, float]:
    """(wall µs per call, process CPU µs per call). The wall clock stops with the last call, as the agent sees it;
    the CPU count goes on until the SDK's thread has sent the calls' spans, so it includes exporting them."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        fn()
    elapsed = time.perf_counter() - wall
    ams_sdk.flush(30)
    return elapsed / calls * 1e6, (time.process_time() - cpu) / calls * 1e6


def _variants() -> dict[str, Callable[[], Any]]:
    @ams_sdk.task(name="bench-task")
    def task() -> int:
        return work()

    @ams_sdk.tool(action="bench.tool")
    def tool() -> int:
        return work()

    def span() -> int:
        with ams_sdk.span("bench-span", kind="chain"):
            return work()

    return {"baseline": work, "task": task, "tool (guard over HTTP)": tool, "span": span}


def _figures(samples: dict[str, list[tuple[float, float]]], baseline: str) -> dict[str, dict[str, float]]:
    base_wall = statistics.median(w for w, _ in samples[baseline])
    base_cpu = statistics.median(c for _, c in samples[baseline])
    figures = {}
    for name, values in samples.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        figures[name] = {
            "wall_us": round(wall, 1),
            "added_wall_us": round(wall - base_wall, 1),
            "ratio_to_baseline": round(wall / base_wall, 2),
            "cpu_us": round(cpu, 1),
            "added_cpu_us": round(cpu - base_cpu, 1),
        }
    return figures


def run(calls: int, rounds: int) -> dict[str, Any]:
    # Not connected first: the decorators' cost when the SDK is installed but `init` was not called.
    idle = ams_sdk.task(name="idle")(work)
    before = {"baseline": [_time(work, calls) for _ in range(rounds)]}
    before["task before init"] = [_time(idle, calls) for _ in range(rounds)]
    with tempfile.TemporaryDirectory() as tmp, ams_server(Path(tmp) / "data", PASSWORD) as server:
        key = _agent_key(admin_client(server.base, PASSWORD))
        runtime = ams_sdk.init(api_key=key, endpoint=server.base, set_global_tracer_provider=False)
        assert runtime is not None
        variants = _variants()
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for _ in range(rounds):
            for name, fn in variants.items():
                samples[name].append(_time(fn, calls))
        dropped = runtime.dropped()
        ams_sdk.shutdown()
    return {
        "calls_per_round": calls,
        "rounds": rounds,
        "connected": _figures(samples, "baseline"),
        "not_connected": _figures(before, "baseline"),
        "dropped": dropped,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    started = {"load_average": load_average(), "cpu_busy": round(cpu_busy(2.0), 3)}
    report = {"machine": machine(), "at_start": started, **run(args.calls, args.rounds)}
    console.print_json(json.dumps(report))


if __name__ == "__main__":
    main()
