"""Dashboard queries over 10 million stored spans: p50/p99 through the HTTP API, and the same SQL in chDB alone.

The store is built once (reused with `--reuse`): a real `ams serve` registers `--agents` agents in 4 projects
through the API and stops; then the product's store (`ChdbStore.command`) writes `--spans` spans of 6-span
tasks (agent root, 3 LLM calls over 6 models of 4 providers, one of them unpriced, 2 tool calls) into it, one
`INSERT … SELECT FROM numbers()` per million spans, spread over the last 7 days with a skewed load per agent,
3 versions, ~4 % errors, outcomes success / failure / escalated / none, and an outcome event for 1 % of tasks.

Then `ams serve` runs on that data dir; once the rollup job's first run (7 days of hourly and daily rollups) has
finished, each query is called `--warmup` times, then `--reps` times, each call followed by
`GET /api/v1/system/health` (the HTTP floor of the same server at the same moment). Last, with the server stopped,
the SQL each endpoint runs (recorded from the product's own service code) is timed in-process on the same store:
chDB alone. The spans end at the build time: measure soon after it, as with `--reuse` an hour later the newest
hour of every window is empty.

    .venv/bin/python benchmarks/queries.py [--spans 10000000] [--data-dir /tmp/ams-bench-queries] [--reuse]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    HEALTH,
    admin_client,
    ams_server,
    console,
    load_average,
    machine,
    rss_mib,
    summary,
    wait_until_quiet,
)

TARGET_P50_MS = 150.0
CHUNK = 1_000_000
PROJECTS = 4
PASSWORD_FILE = "bench-password.txt"
META_FILE = "bench-meta.json"
# (provider, model, USD per 1M input tokens, per 1M output tokens); the last is unpriced on purpose.
MODELS = [
    ("openai", "gpt-4o-mini", 0.15, 0.6),
    ("openai", "gpt-4.1", 2.0, 8.0),
    ("anthropic", "claude-sonnet-4-5", 3.0, 15.0),
    ("anthropic", "claude-haiku-4-5", 1.0, 5.0),
    ("google", "gemini-2.5-flash", 0.3, 2.5),
    ("vllm", "llama-3.3-70b-local", 0.0, 0.0),
]
PROMPT = ("You are a support agent. Summarise the customer's ticket and propose the next action. " * 6)[:490]

# One row per span: n is the span number, t its task (trace), i its place in the task (0 root, 1/3/5 LLM,
# 2/4 tool). h spreads tasks over agents (skewed: a few agents are busy, most are quiet).
SPAN_ROWS = """
SELECT {org:String}, agent_projects[a + 1], trace_id, span_id, if(i = 0, '', root_id), agents[a + 1],
    ['1.4.2', '1.5.0', '2.0.0'][(a + intDiv(t * 3, {tasks:UInt64})) % 3 + 1], concat('conv-', toString(t % 250000)),
    multiIf(i = 0, 'agent', i % 2 = 1, 'llm', 'tool'),
    multiIf(i = 0, 'invoke_agent support', i % 2 = 1, concat('chat ', model), concat('execute_tool ', tool)),
    if(err, 'error', 'ok'), if(err, 'upstream timeout after 30s', ''),
    start_us, start_us + toInt64(duration_ms * 1000), duration_ms,
    if(i % 2 = 1, providers[m + 1], ''), if(i % 2 = 1, model, ''),
    multiIf(i = 0, 'invoke_agent', i % 2 = 1, 'chat', 'execute_tool'), if(i IN (2, 4), tool, ''),
    in_tok, out_tok, if(i % 2 = 1 AND m IN (2, 3), 512, 0),
    (in_tok * prices_in[m + 1] + out_tok * prices_out[m + 1]) / 1e6,
    multiIf(i % 2 = 0, 'none', m = 5, 'unpriced', 'pricing'),
    i = 0, if(i = 0, multiIf(o < 85, 'success', o < 92, 'failure', o < 95, 'escalated', ''), ''),
    i = 0 AND bitShiftRight(h, 24) % 100 < 2,
    multiIf(i % 2 = 1, concat({prompt:String}, ' ticket ', toString(t)), i = 0, concat('ticket ', toString(t)),
            concat('{"ticket": ', toString(t), '}')),
    multiIf(i % 2 = 1, concat('Ticket ', toString(t), ': the customer cannot log in since the update.'),
            i = 0, 'resolved', '{"ok": true}'),
    if(i % 2 = 1, concat('{"llm.token_count.total": ', toString(in_tok + out_tok), '}'), '{}'), '[]',
    start_us + 2000000
FROM (
    SELECT number AS n, intDiv(n, 6) AS t, n % 6 AS i, cityHash64(t) AS h, cityHash64(n, 7) AS g,
        toUInt32(pow((h % 1000000) / 1e6, 2.5) * length(agents)) AS a, bitShiftRight(h, 8) % 100 AS o,
        bitShiftRight(g, 8 + i) % 6 AS m, models[m + 1] AS model,
        ['search_tickets', 'update_ticket'][intDiv(i, 2)] AS tool,
        leftPad(lower(hex(t)), 32, '0') AS trace_id, leftPad(lower(hex(intHash64(n))), 16, '0') AS span_id,
        leftPad(lower(hex(intHash64(n - i))), 16, '0') AS root_id,
        g % 1000 < multiIf(i = 0, 40, i % 2 = 1, 30, 60) AS err,
        {t0:Int64} + intDiv(t * {span_us:Int64}, {tasks:UInt64}) + i * 200000 AS start_us,
        multiIf(i = 0, 2000 + h % 20000, i % 2 = 1, 300 + g % 4000, 20 + g % 500) + (g % 1000) / 1000 AS duration_ms,
        if(i % 2 = 1, 200 + g % 6000, 0) AS in_tok, if(i % 2 = 1, 20 + bitShiftRight(g, 20) % 1500, 0) AS out_tok
    FROM numbers({first:UInt64}, {count:UInt64})
)
"""
EVENT_ROWS = """
SELECT {org:String}, agent_projects[a + 1], agents[a + 1], leftPad(lower(hex(t)), 32, '0'),
    leftPad(lower(hex(intHash64(t * 6))), 16, '0'), concat('evt-', toString(t)), 'outcome',
    {t0:Int64} + intDiv(t * {span_us:Int64}, {tasks:UInt64}) + 60000000, if(h % 3 = 0, 'failure', 'success'),
    bitShiftRight(h, 4) % 10 = 0, 'user_rating', (h % 5) + 1, '{}',
    {t0:Int64} + intDiv(t * {span_us:Int64}, {tasks:UInt64})
FROM (SELECT number AS t, cityHash64(t) AS h, toUInt32(pow((h % 1000000) / 1e6, 2.5) * length(agents)) AS a
      FROM numbers({tasks:UInt64}) WHERE cityHash64(t, 1) % 100 = 0)
"""
EVENT_COLUMNS = (
    "organization_id, project_id, agent_id, trace_id, span_id, event_id, name, time_us, outcome, "
    "human_intervention, score_name, score_value, attributes, ingested_us"
)


def _with_constants(sql: str) -> str:
    arrays = {"models": [m[1] for m in MODELS], "providers": [m[0] for m in MODELS]}
    prefix = "".join(f"{json.dumps(v).replace(chr(34), chr(39))} AS {k}, " for k, v in arrays.items())
    prices = "".join(
        f"[{', '.join(str(m[k]) for m in MODELS)}] AS prices_{name}, " for k, name in ((2, "in"), (3, "out"))
    )
    bound = "{agents:Array(String)} AS agents, {agent_projects:Array(String)} AS agent_projects"
    return f"WITH {prefix}{prices}{bound}\n{sql}"


def load_spans(store_dir: str, meta_path: str) -> None:
    """In a child process (the embedded store has one owner): write the spans and events, note sample ids."""
    from ams.telemetry.ingest_service import SPAN_STORE_COLUMNS
    from ams.telemetry.store.chdb_store import ChdbStore

    meta = json.loads(Path(meta_path).read_text())
    store = ChdbStore(Path(store_dir))
    store.migrate()
    tasks = meta["spans"] // 6
    now_us = int(time.time() * 1e6)
    params = {
        "org": meta["org"],
        "agents": meta["agents"],
        "agent_projects": meta["agent_projects"],
        "tasks": tasks,
        "t0": now_us - 7 * 86_400_000_000,
        "span_us": 7 * 86_400_000_000 - 60_000_000,
        "prompt": PROMPT,
    }
    started = time.perf_counter()
    for first in range(0, tasks * 6, CHUNK):
        count = min(CHUNK, tasks * 6 - first)
        store.command(
            f"INSERT INTO spans ({', '.join(SPAN_STORE_COLUMNS)}) {_with_constants(SPAN_ROWS)}",
            {**params, "first": first, "count": count},
        )
        print(f"  {first + count:,} spans written ({time.perf_counter() - started:.0f} s)", flush=True)
    store.command(f"INSERT INTO span_events ({EVENT_COLUMNS}) {_with_constants(EVENT_ROWS)}", params)
    meta["load_s"] = time.perf_counter() - started
    meta["built_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    meta["stored_spans"] = store.query("SELECT count() FROM spans").scalar()
    meta["stored_events"] = store.query("SELECT count() FROM span_events").scalar()
    busiest = "SELECT agent_id, count() AS c FROM spans GROUP BY agent_id ORDER BY c DESC LIMIT 1"
    meta["busiest_agent"], meta["busiest_agent_spans"] = store.query(busiest).rows[0]
    meta["trace_ids"] = [
        r[0]
        for r in store.query(
            "SELECT trace_id FROM spans WHERE is_task = 1 AND cityHash64(trace_id) % 1000 = 7 LIMIT 200"
        ).rows
    ]
    store.close()
    Path(meta_path).write_text(json.dumps(meta, indent=2))


def build(data_dir: Path, agents: int, spans: int) -> dict[str, Any]:
    """Agents through the API, then spans straight into the store, the server stopped."""
    password = secrets.token_urlsafe(16)
    with ams_server(data_dir, password) as server, admin_client(server.base, password) as admin:
        projects = [admin.get("/api/v1/projects").raise_for_status().json()[0]["id"]]
        for p in range(1, PROJECTS):
            projects.append(admin.post("/api/v1/projects", json={"name": f"team-{p}"}).raise_for_status().json()["id"])
        org = admin.get(f"/api/v1/projects/{projects[0]}").raise_for_status().json()["organization_id"]
        ids, homes = [], []
        for i in range(agents):
            body = {"name": f"agent-{i:04d}", "platform": "custom", "project_id": projects[i % PROJECTS]}
            ids.append(admin.post("/api/v1/agents", json=body).raise_for_status().json()["id"])
            homes.append(projects[i % PROJECTS])
    (data_dir / PASSWORD_FILE).write_text(password)
    meta_path = data_dir / META_FILE
    meta_path.write_text(json.dumps({"org": org, "agents": ids, "agent_projects": homes, "spans": spans}))
    console.print(f"  {agents} agents registered; writing {spans:,} spans into the store")
    code = "import sys; sys.path.insert(0, sys.argv[3]); import queries; queries.load_spans(sys.argv[1], sys.argv[2])"
    here = str(Path(__file__).resolve().parent)
    subprocess.run([sys.executable, "-c", code, str(data_dir / "telemetry"), str(meta_path), here], check=True)
    return json.loads(meta_path.read_text())


def endpoints(meta: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    agent = meta["busiest_agent"]
    return {
        "health (floor)": (HEALTH, {}),
        "agent kpis 24h": (f"/api/v1/agents/{agent}/kpis", {"window": "24h"}),
        "agent kpis 7d": (f"/api/v1/agents/{agent}/kpis", {"window": "7d"}),
        "fleet 24h": ("/api/v1/analytics/fleet", {"window": "24h"}),
        "fleet 7d": ("/api/v1/analytics/fleet", {"window": "7d"}),
        "timeseries tasks/hour 24h": ("/api/v1/analytics/timeseries", {"metric": "tasks", "window": "24h"}),
        "timeseries tasks/hour 24h by agent": (
            "/api/v1/analytics/timeseries",
            {"metric": "tasks", "window": "24h", "group_by": "agent"},
        ),
        "timeseries cost/hour 24h by model": (
            "/api/v1/analytics/timeseries",
            {"metric": "cost_usd", "window": "24h", "group_by": "model"},
        ),
        "providers 24h": ("/api/v1/analytics/providers", {"window": "24h"}),
        "traces search 24h limit 50": ("/api/v1/traces", {"window": "24h", "limit": 50}),
        "trace lookup": ("/api/v1/traces/{trace_id}", {}),
    }


def wait_for_rollups(client: httpx.Client, timeout_s: float = 1800) -> dict[str, Any]:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        job = next(d for d in client.get(HEALTH).json()["daemons"] if d["name"] == "telemetry.rollups")
        if job["runs"] >= 1:
            if job["last_error"]:
                raise RuntimeError(f"the rollup job failed: {job['last_error']}")
            return {**job, "waited_s": time.monotonic() - started}
        time.sleep(2)
    raise RuntimeError(f"the rollup job did not finish within {timeout_s:.0f} s")


# The alerting, health and surveillance daemons judge the whole fleet every 15 to 60 s; on two cores their rounds
# over 10 million spans compete with the queries measured. `--daemons-idle` sets them to an hour, to separate the
# two costs.
IDLE_DAEMONS = {"AMS_ALERTS_INTERVAL_S": "3600", "AMS_HEALTH_INTERVAL_S": "3600", "AMS_SURVEILLANCE_INTERVAL_S": "3600"}


def measure_http(
    data_dir: Path, meta: dict[str, Any], warmup: int, reps: int, daemons_idle: bool = False
) -> dict[str, Any]:
    password = (data_dir / PASSWORD_FILE).read_text()
    env = IDLE_DAEMONS if daemons_idle else {}
    with ams_server(data_dir, password, **env) as server, admin_client(server.base, password) as client:
        rollup = wait_for_rollups(client)
        console.print(f"  rollup job: {rollup['last_result']} (waited {rollup['waited_s']:.0f} s)")
        results: dict[str, Any] = {"rollup_job": rollup}
        for name, (path, params) in endpoints(meta).items():
            samples, floor, sizes = [], [], []
            for rep in range(warmup + reps):
                url = path.format(trace_id=meta["trace_ids"][rep % len(meta["trace_ids"])])
                begun = time.perf_counter()
                answer = client.get(url, params=params)
                took = time.perf_counter() - begun
                if answer.status_code != 200:
                    raise RuntimeError(f"GET {url} -> {answer.status_code}: {answer.text[:300]}")
                begun = time.perf_counter()
                client.get(HEALTH).raise_for_status()
                if rep >= warmup:
                    samples.append(took)
                    floor.append(time.perf_counter() - begun)
                    sizes.append(len(answer.content))
            results[name] = {
                **summary(samples),
                "floor_p50_ms": summary(floor)["p50_ms"],
                "response_kib": statistics.median(sizes) / 1024,
            }
            console.print(f"  {name}: p50 {results[name]['p50_ms']:.1f} ms, p99 {results[name]['p99_ms']:.1f} ms")
        results["server_rss_mib"] = rss_mib(server.proc.pid)
    return results


class _Recorder:
    """A store that records the queries the product's services send through it."""

    def __init__(self, store: Any) -> None:
        self.store, self.calls = store, []

    def query(self, sql: str, params: Any = None) -> Any:
        self.calls.append((sql, params))
        return self.store.query(sql, params)


async def _record(store: Any, meta: dict[str, Any], name: str, trace_id: str) -> list[tuple[str, Any]]:
    from ams.analytics import service, timeseries_service, usage_service
    from ams.analytics.scope import Scope
    from ams.analytics.windows import parse_window
    from ams.telemetry import traces_service
    from ams.telemetry.rollups import Rollups

    recorder = _Recorder(store)
    rollups = Rollups(store)
    org = Scope(meta["org"])
    agent = meta["busiest_agent"]
    one = Scope(meta["org"], [meta["agent_projects"][meta["agents"].index(agent)]], [agent])
    window = parse_window("7d" if name.endswith("7d") else "24h", None, None)
    plan = await rollups.plan(window)  # its rollup_state read is cached in the server: not counted
    if name.startswith("agent kpis"):
        await service.agent_kpis(recorder, rollups, one, window, "")
    elif name.startswith("fleet"):  # the agents' names come from the control database: not chDB
        await service._kpis_by(recorder, org, window, ["agent_id"], plan=plan)
    elif name.startswith("timeseries"):
        group = "agent" if "by agent" in name else "model" if "by model" in name else None
        metric = "cost_usd" if "cost" in name else "tasks"
        await timeseries_service.timeseries(recorder, rollups, org, window, metric, "hour", group)
    elif name.startswith("providers"):
        await usage_service.providers(recorder, rollups, org, window)
    elif name.startswith("traces search"):
        await traces_service.search(recorder, org, window, limit=50)
    elif name == "trace lookup":
        await traces_service.read_trace(recorder, org, trace_id)
    return recorder.calls


def measure_chdb(data_dir: Path, meta: dict[str, Any], warmup: int, reps: int) -> dict[str, Any]:
    """The recorded SQL of each endpoint, timed in this process on the same store (summed per call)."""
    from ams.telemetry.store.chdb_store import ChdbStore

    store = ChdbStore(data_dir / "telemetry")
    results: dict[str, Any] = {}
    try:
        for name in endpoints(meta):
            if name.startswith("health"):
                continue
            calls = asyncio.run(_record(store, meta, name, meta["trace_ids"][0]))  # also the first warm-up
            samples = []
            for rep in range(warmup + reps):
                trace_id = meta["trace_ids"][rep % len(meta["trace_ids"])]
                begun = time.perf_counter()
                for sql, params in calls:
                    store.query(sql, {**params, "trace_id": trace_id} if "trace_id" in params else params)
                if rep >= warmup:
                    samples.append(time.perf_counter() - begun)
            statements = len(calls)
            results[name] = {**summary(samples), "statements": statements}
        results["parts"] = store.query("SELECT table, count() FROM system.parts WHERE active GROUP BY table").rows
    finally:
        store.close()
    return results


def print_report(report: dict[str, Any]) -> None:
    http, chdb = report["http"], report["chdb"]
    table = Table(
        title=f"{report['store']['stored_spans']:,} spans, {report['store']['agents']} agents: "
        f"{report['reps']} calls each, ms"
    )
    for column in ("query", "p50", "p99", "x health", "chDB p50", "x chDB", "SQL stmts", "KiB", "<150 ms"):
        table.add_column(column, justify="left" if column == "query" else "right")
    for name, f in http.items():
        if not isinstance(f, dict) or "p50_ms" not in f:
            continue
        alone = chdb.get(name)
        table.add_row(
            name,
            f"{f['p50_ms']:.1f}",
            f"{f['p99_ms']:.1f}",
            f"{f['p50_ms'] / f['floor_p50_ms']:.1f}",
            f"{alone['p50_ms']:.1f}" if alone else "-",
            f"{f['p50_ms'] / alone['p50_ms']:.1f}" if alone else "-",
            str(alone["statements"]) if alone else "-",
            f"{f['response_kib']:.0f}",
            "yes" if f["p50_ms"] < TARGET_P50_MS else "NO",
        )
    console.print(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=10_000_000, help="spans to store (10,000,000)")
    parser.add_argument("--agents", type=int, default=1000, help="agents to register (1,000)")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/ams-bench-queries"), help="the store's folder")
    parser.add_argument("--reuse", action="store_true", help="measure an already built --data-dir")
    parser.add_argument("--daemons-idle", action="store_true", help="alerting, health and surveillance set to hourly")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls per query first (3)")
    parser.add_argument("--reps", type=int, default=30, help="timed calls per query (30)")
    parser.add_argument(
        "--max-busy",
        type=float,
        default=0.15,
        help="first wait (up to 5 min) until the CPU is less busy than this fraction (0.15)",
    )
    parser.add_argument("--out", type=Path, default=Path("bench-out/queries.json"), help="JSON results")
    args = parser.parse_args()
    report: dict[str, Any] = {
        "benchmark": "queries",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join(["python", *sys.argv]),
        "reps": args.reps,
    }
    console.print(f"machine: {report['machine']}")
    if args.reuse:
        meta = json.loads((args.data_dir / META_FILE).read_text())
    else:
        shutil.rmtree(args.data_dir, ignore_errors=True)
        meta = build(args.data_dir, args.agents, args.spans)
        console.print(f"  store built: {meta['stored_spans']:,} spans in {meta['load_s']:.0f} s")
    report["store"] = {k: meta[k] for k in ("stored_spans", "stored_events", "busiest_agent_spans", "spans")}
    report["store"] |= {"agents": len(meta["agents"]), "load_s": meta.get("load_s"), "built_at": meta.get("built_at")}
    report["machine_state_before"] = wait_until_quiet(args.max_busy, 300)
    report["http"] = measure_http(args.data_dir, meta, args.warmup, args.reps, args.daemons_idle)
    report["chdb"] = measure_chdb(args.data_dir, meta, args.warmup, args.reps)
    report["load_average_after"] = load_average()
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    console.print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
