"""One alert evaluation cycle: `--rules` rules over `--agents` agents on the embedded store.

In-process, on a fresh data dir: AMS's app starts with its daemons slowed to an hour (so that nothing but the
measured rounds runs), `--agents` agents in 4 projects are registered through native ingest, and the product's
store writes `--spans` spans of 6-span tasks spread over the last 24 hours (the dashboard benchmark's generator,
`queries.SPAN_ROWS`) and a heartbeat per agent every 30 s for the last hour. `--rules` rules are created through
the API: 14 metrics (task KPIs, cost, spend, cost spike, heartbeat CPU and memory, provider and model figures)
over 15 minutes, 1 hour and 24 hours, for the fleet or a project, above, below or against the previous window,
with thresholds that some agents breach.

Measured: the first round (it opens the alerts), then `--rounds` rounds (they refresh them), each timed around
`AlertEvaluator.run_round(all_rules=True)`, the function the evaluator daemon and `POST /alert-rules/evaluate`
call. Baseline in the same run: the same rules judged one at a time, each reading its own figures, as an
evaluator without shared reads would.

    .venv/bin/python benchmarks/alerts.py [--agents 1000] [--rules 500] [--spans 2000000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import console, load_average, machine  # noqa: E402
from queries import SPAN_ROWS, _with_constants  # noqa: E402

from ams.app import create_app  # noqa: E402
from ams.db.base import utcnow  # noqa: E402
from ams.settings import AdminSettings, AlertSettings, HealthSettings, Settings, SurveillanceSettings  # noqa: E402
from ams.telemetry.ingest_service import SPAN_STORE_COLUMNS  # noqa: E402

PASSWORD = "bench-alerts-pw-1"
DAY_US = 86_400_000_000
HEARTBEATS = """
WITH {agents:Array(String)} AS agents, {agent_projects:Array(String)} AS agent_projects
INSERT INTO heartbeats (organization_id, project_id, agent_id, time_us, cpu_percent, memory_mb, memory_percent,
                        active_tasks, completed_tasks, failed_tasks, metrics, ingested_us)
SELECT {org:String}, agent_projects[a + 1], agents[a + 1], {t0:Int64} + intDiv(number, length(agents)) * 30000000,
       20 + cityHash64(number) % 80, 500, 30 + cityHash64(number, 2) % 70, cityHash64(number) % 4, 0, 0,
       concat('{"tasks_waiting": ', toString(cityHash64(number) % 3), '}'), {t0:Int64}
FROM (SELECT number, number % length(agents) AS a FROM numbers({count:UInt64}))
"""
# (metric, condition, threshold): thresholds a few percent of agents breach in this data, as in a healthy fleet.
METRICS = [
    ("tsr", "below", 0.75),
    ("error_rate", "above", 0.2),
    ("latency_p95", "above", 21_500),
    ("cost_per_task", "above", 0.08),
    ("throughput_per_hour", "change_above", 300),
    ("tokens", "above", 5_000_000),
    ("cost_usd", "above", 20.0),
    ("hir", "above", 0.15),
    ("cpu_percent", "above", 62),
    ("memory_percent", "above", 68),
    ("cost_spike", "above", 8),
    ("provider_error_rate", "above", 0.05),
    ("model_latency_p95", "above", 4_500),
    ("spend_usd", "above", 5_000),
]
WINDOWS = ["15m", "1h", "24h"]


def _settings(data_dir: Path) -> Settings:
    hour = 3600.0
    return Settings(
        data_dir=data_dir,
        admin=AdminSettings(email="bench@ams.local", password=SecretStr(PASSWORD)),
        alerts=AlertSettings(alerts_interval_s=hour),
        health=HealthSettings(health_interval_s=hour),
        surveillance=SurveillanceSettings(surveillance_interval_s=hour),
    )


async def _register(client: httpx.AsyncClient, agents: int) -> tuple[str, dict[str, str]]:
    login = await client.post("/api/v1/auth/login", json={"email": "bench@ams.local", "password": PASSWORD})
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    org = (await client.get("/api/v1/organizations", headers=admin)).json()[0]["id"]
    projects = [(await client.get("/api/v1/projects", headers=admin)).json()[0]["id"]]
    for n in range(1, 4):
        made = await client.post("/api/v1/projects", json={"organization_id": org, "name": f"team {n}"}, headers=admin)
        projects.append(made.json()["id"])
    for p, project in enumerate(projects):
        key = (
            await client.post("/api/v1/api-keys", json={"project_id": project, "role": "agent_owner"}, headers=admin)
        ).json()["key"]
        now = time.time()
        spans = [
            {"trace_id": f"{a:032x}", "span_id": f"{a + 1:016x}", "name": "hello", "kind": "task",
             "agent": f"agent-{a:04d}", "start_time": now - 3600, "end_time": now - 3599}
            for a in range(p, agents, len(projects))
        ]  # fmt: skip
        answer = await client.post("/api/v1/ingest", json={"spans": spans}, headers={"Authorization": f"Bearer {key}"})
        answer.raise_for_status()
    return org, admin


async def _rules(client: httpx.AsyncClient, admin: dict[str, str], org: str, projects: list[str], count: int) -> None:
    shapes = itertools.cycle(itertools.product(METRICS, WINDOWS, ["fleet", *projects]))
    for n in range(count):
        (metric, condition, threshold), window, scope = next(shapes)
        scope_body = {"type": "fleet"} if scope == "fleet" else {"type": "project", "value": scope}
        if metric.startswith(("provider_", "model_")):
            scope_body = {"type": "fleet"}
        body = {
            "organization_id": org, "name": f"rule {n}", "metric": metric, "window": window, "scope": scope_body,
            "condition": condition, "threshold": threshold * (1 + (n % 5) / 10), "min_tasks": 10,
        }  # fmt: skip
        made = await client.post("/api/v1/alert-rules", json=body, headers=admin)
        made.raise_for_status()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="ams-bench-alerts-"))
    app = create_app(_settings(tmp / "data"))
    async with app.router.lifespan_context(app):
        context = app.state.context
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ams", timeout=120) as client:
            started = time.perf_counter()
            org, admin = await _register(client, args.agents)
            from sqlalchemy import select

            from ams.agents.models import Agent

            async with context.db.read() as session:
                rows = (await session.execute(select(Agent.id, Agent.project_id).order_by(Agent.name))).all()
            agents, agent_projects = [r[0] for r in rows], [r[1] for r in rows]
            now_us = int(time.time() * 1e6)
            params = {"org": org, "agents": agents, "agent_projects": agent_projects, "tasks": args.spans // 6,
                      "t0": now_us - DAY_US, "span_us": DAY_US - 30_000_000, "prompt": "p"}  # fmt: skip
            store = context.telemetry.store
            for first in range(0, args.spans, 1_000_000):
                await asyncio.to_thread(
                    store.command,
                    f"INSERT INTO spans ({', '.join(SPAN_STORE_COLUMNS)}) {_with_constants(SPAN_ROWS)}",
                    {**params, "first": first, "count": min(1_000_000, args.spans - first)},
                )
            beats = {"org": org, "agents": agents, "agent_projects": agent_projects,
                     "t0": now_us - 3_600_000_000, "count": len(agents) * 120}  # fmt: skip
            await asyncio.to_thread(
                store.command,
                HEARTBEATS,
                beats,
            )
            # As the rollup daemon would have by now: long windows read hourly rollups, not raw spans.
            await asyncio.to_thread(context.telemetry.rollups.compute, utcnow())
            projects = sorted(set(agent_projects))
            await _rules(client, admin, org, projects, args.rules)
            stored = store.query("SELECT count() FROM spans").scalar()
            built_s = time.perf_counter() - started
            console.print(f"  built in {built_s:.0f} s: {len(agents)} agents, {stored:,} spans, {args.rules} rules")
            evaluator = context.alerting.evaluator
            t0 = time.perf_counter()
            first = await evaluator.run_round(all_rules=True)
            first_s = time.perf_counter() - t0
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.enable()
                await evaluator.run_round(all_rules=True)
                profiler.disable()
                pstats.Stats(profiler).sort_stats(args.profile_sort).print_stats(45)
            steady, steady_cpu, reports = [], [], []
            for _ in range(args.rounds):
                t0, c0 = time.perf_counter(), time.process_time()
                reports.append(await evaluator.run_round(all_rules=True))
                steady.append(time.perf_counter() - t0)
                steady_cpu.append(time.process_time() - c0)
            from ams.alerts.models import AlertRule

            async with context.db.read() as session:
                rules = list(
                    (await session.execute(select(AlertRule).where(AlertRule.organization_id == org))).scalars()
                )
            t0 = time.perf_counter()
            for rule in rules if args.baseline else []:
                await evaluator._judge_organization(org, [rule], utcnow())
            naive_s = time.perf_counter() - t0 if args.baseline else None
    return {
        "machine": machine(),
        "load_average": load_average(),
        "agents": args.agents,
        "rules_judged": first.rules,
        "spans": args.spans,
        "first_round_s": first_s,
        "first_round": {"breaches": first.breaches, "opened": first.opened, "resolved": first.resolved},
        "steady_rounds_s": steady,
        "steady_p50_s": statistics.median(steady),
        "steady_cpu_p50_s": statistics.median(steady_cpu),
        "steady_max_s": max(steady),
        "steady_breaches": reports[-1].breaches,
        "one_rule_at_a_time_s": naive_s,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--spans", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", default="bench-out/alerts.json")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one steady round")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false", help="skip the one-rule-at-a-time run")
    parser.add_argument("--profile-sort", default="cumulative", help="cProfile sort key: cumulative or tottime")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    table = Table(title=f"Alert evaluation: {report['rules_judged']} rules over {args.agents} agents")
    for column in ("round", "seconds", "CPU s (all threads)", "breaches", "× target (1 s)"):
        table.add_column(column, justify="right")
    table.add_row("first (opens alerts)", f"{report['first_round_s']:.3f}", "", str(report["first_round"]["breaches"]),
                  f"{report['first_round_s']:.2f}")  # fmt: skip
    table.add_row(f"steady p50 of {args.rounds}", f"{report['steady_p50_s']:.3f}", f"{report['steady_cpu_p50_s']:.3f}",
                  str(report["steady_breaches"]),
                  f"{report['steady_p50_s']:.2f}")  # fmt: skip
    if report["one_rule_at_a_time_s"] is not None:
        table.add_row("one rule at a time (baseline)", f"{report['one_rule_at_a_time_s']:.3f}", "", "", "")
    console.print(table)
    if report["one_rule_at_a_time_s"] is not None:
        console.print(f"shared reads are {report['one_rule_at_a_time_s'] / report['steady_p50_s']:.1f}× faster")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
