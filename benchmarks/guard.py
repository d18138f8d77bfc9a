"""The guard's decisions per second and latency, with 100 policies in force, in-process and over HTTP.

One organization holds 100 policies, as a fleet's would: 40 for other agents (they do not apply and cost only
their scope test), 30 for tags (10 on the measured agent's tag: deny-lists), 20 for projects (approval gates on
payments) and 10 for the whole organization (allow-lists, a payload limit, a daily spend cap with a soft limit).
The measured agent asks about `github.comment` (allowed: every rule in scope is weighed, and the spend caps count
its estimated cost) and about `github.merge_pr` (denied: the reasons are written, the denial audited).

- In-process: `Guard.check`, the function behind `POST /api/v1/guard/check`, awaited in a loop. Baseline in the
  same run: the same check with no policy in force.
- Over HTTP: a real `ams serve`, one keep-alive connection (the standard library's client) asking in a loop
  (latency), then 8 connections of aiohttp's client (decisions per second). Baseline in the same run:
  `GET /v1/models` with the same key, the cheapest authenticated request AMS answers.

    .venv/bin/python benchmarks/guard.py [--checks 20000] [--http-checks 5000] [--out bench-out/guard.json]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from pydantic import SecretStr
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import admin_client, ams_server, console, load_average, machine, summary  # noqa: E402

from ams.app import create_app  # noqa: E402
from ams.auth.login_service import authenticate  # noqa: E402
from ams.settings import AdminSettings, Settings  # noqa: E402

PASSWORD = "bench-guard-pw-1"
ALLOWED = {"action": "github.comment", "arguments": {"repo": "acme/api", "pr": 7}, "estimated_cost": 0.001}
DENIED = {"action": "github.merge_pr", "arguments": {"repo": "acme/api", "pr": 7}}


def policies(org: str, project: str) -> list[dict[str, Any]]:
    """The 100 policies of the module's docstring."""
    made: list[dict[str, Any]] = []
    for n in range(40):
        made.append({"scope": {"type": "agent", "value": f"someone-else-{n}"},
                     "rules": [{"type": "tool_deny", "actions": [f"tool{n}.*"]}]})  # fmt: skip
    for n in range(30):
        tag = "support" if n < 10 else f"team-{n}"
        rules = [{"type": "tool_deny", "actions": ["github.merge_*", f"shell.{n}.*"]},
                 {"type": "tool_deny", "actions": ["db.drop"], "arguments": {"table": "prod_*"}}]  # fmt: skip
        made.append({"scope": {"type": "tag", "value": tag}, "rules": rules})
    for n in range(20):
        made.append({"scope": {"type": "project", "value": project if n < 5 else f"prj_other_{n}"},
                     "rules": [{"type": "approval", "actions": ["pay.refund", "pay.transfer"]}]})  # fmt: skip
    for n in range(10):
        made.append({"scope": {"type": "organization"},
                     "rules": [{"type": "tool_allow", "actions": ["github.*", "search.*", "pay.*", "db.*"]},
                               {"type": "payload_limit", "max_arguments_bytes": 10_000},
                               {"type": "spend_cap", "amount_usd": 1e6 + n, "period": "day",
                                "soft_limit_pct": 80}]})  # fmt: skip
    return [{"organization_id": org, "name": f"policy {n}", **p} for n, p in enumerate(made)]


async def _timed(check: Any, body: dict[str, Any], count: int) -> dict[str, Any]:
    samples = []
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        answer = await check(body)
        samples.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    return {**summary(samples), "per_s": count / elapsed, "decision": answer["decision"]}


async def in_process(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    settings = Settings(data_dir=tmp / "inproc", admin=AdminSettings(email="bench@ams.local",
                                                                   password=SecretStr(PASSWORD)))  # fmt: skip
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        context = app.state.context
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ams") as client:
            login = await client.post("/api/v1/auth/login", json={"email": "bench@ams.local", "password": PASSWORD})
            admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
            org, project, key = await _agent(client, admin)
            principal = await authenticate(context.db, context.key_cache, key)

            async def check(body: dict[str, Any]) -> dict[str, Any]:
                return await context.governance.guard.check(principal, body)

            await _timed(check, ALLOWED, 500)  # warm-up
            baseline = await _timed(check, ALLOWED, args.checks)
            for body in policies(org, project):
                (await client.post("/api/v1/policies", json=body, headers=admin)).raise_for_status()
            await _timed(check, ALLOWED, 500)
            allowed = await _timed(check, ALLOWED, args.checks)
            denied = await _timed(check, DENIED, max(1, args.checks // 10))
            await context.governance.guard.drain()
    return {"no_policies_allow": baseline, "allow": allowed, "deny": denied}


async def _agent(client: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, str, str]:
    org = (await client.get("/api/v1/organizations", headers=admin)).json()[0]["id"]
    project = (await client.get("/api/v1/projects", headers=admin)).json()[0]["id"]
    body = {"name": "triage-bot", "platform": "custom", "project_id": project, "tags": ["support"]}
    agent = (await client.post("/api/v1/agents", json=body, headers=admin)).json()
    for action in ("provision", "deploy"):
        (await client.post(f"/api/v1/agents/{agent['id']}/{action}", json={}, headers=admin)).raise_for_status()
    key = (await client.post("/api/v1/api-keys", json={"agent_id": agent["id"]}, headers=admin)).json()["key"]
    return org, project, key


def over_http(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    with ams_server(tmp / "http", PASSWORD) as server, admin_client(server.base, PASSWORD) as admin:
        org = admin.get("/api/v1/organizations").json()[0]["id"]
        project = admin.get("/api/v1/projects").json()[0]["id"]
        body = {"name": "triage-bot", "platform": "custom", "project_id": project, "tags": ["support"]}
        agent = admin.post("/api/v1/agents", json=body).raise_for_status().json()
        for action in ("provision", "deploy"):
            admin.post(f"/api/v1/agents/{agent['id']}/{action}", json={}).raise_for_status()
        key = admin.post("/api/v1/api-keys", json={"agent_id": agent["id"]}).json()["key"]
        for policy in policies(org, project):
            admin.post("/api/v1/policies", json=policy).raise_for_status()
        headers = {"Authorization": f"Bearer {key}"}
        # One keep-alive connection of the standard library's client: lighter than httpx's, so that on two shared
        # cores the figures are more the server's than the client's.
        connection = http.client.HTTPConnection(server.base.removeprefix("http://"))
        results = {
            "models_baseline": _loop(lambda: _call(connection, "GET", "/v1/models", None, headers), 200,
                                     args.http_checks),
            "allow": _loop(lambda: _call(connection, "POST", "/api/v1/guard/check", ALLOWED, headers), 200,
                           args.http_checks),
            "deny": _loop(lambda: _call(connection, "POST", "/api/v1/guard/check", DENIED, headers), 50,
                          args.http_checks // 5),
        }  # fmt: skip
        connection.close()
        results["allow_c8"] = asyncio.run(_concurrent(server.base, headers, 8, args.http_checks))
    return results


def _call(connection: http.client.HTTPConnection, method: str, path: str, body: Any, headers: dict[str, str]) -> None:
    payload = json.dumps(body).encode() if body is not None else None
    sent = {**headers, "Content-Type": "application/json"} if payload else headers
    connection.request(method, path, body=payload, headers=sent)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{method} {path}: {response.status}")


def _loop(call: Any, warm_up: int, count: int) -> dict[str, Any]:
    for _ in range(warm_up):
        call()
    samples = []
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        call()
        samples.append(time.perf_counter() - t0)
    return {**summary(samples), "per_s": count / (time.perf_counter() - started)}


async def _concurrent(base: str, headers: dict[str, str], connections: int, count: int) -> dict[str, Any]:
    samples: list[float] = []
    async with aiohttp.ClientSession(
        base, headers=headers, connector=aiohttp.TCPConnector(limit=connections)
    ) as client:

        async def worker(n: int) -> None:
            for _ in range(n):
                t0 = time.perf_counter()
                async with client.post("/api/v1/guard/check", json=ALLOWED) as response:
                    await response.read()
                    response.raise_for_status()
                samples.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker(50) for _ in range(connections)))  # warm-up
        samples.clear()
        started = time.perf_counter()
        await asyncio.gather(*(worker(count // connections) for _ in range(connections)))
        elapsed = time.perf_counter() - started
    return {**summary(samples), "per_s": len(samples) / elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checks", type=int, default=20_000, help="in-process checks per measurement")
    parser.add_argument("--http-checks", type=int, default=5_000, help="HTTP checks per measurement")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ams-bench-guard-") as name:
        tmp = Path(name)
        figures = {"machine": machine(), "load_before": load_average(), "policies": 100,
                   "in_process": asyncio.run(in_process(args, tmp)), "http": over_http(args, tmp)}  # fmt: skip
    table = Table(title="Guard decisions, 100 policies in force")
    for column in ("where", "what", "per s", "p50 ms", "p99 ms"):
        table.add_column(column, justify="right" if column not in ("where", "what") else "left")
    for where in ("in_process", "http"):
        for what, row in figures[where].items():
            table.add_row(where, what, f"{row['per_s']:,.0f}", f"{row['p50_ms']:.3f}", f"{row['p99_ms']:.3f}")
    console.print(table)
    inproc, http = figures["in_process"], figures["http"]
    in_ratio = inproc["allow"]["p50_ms"] / inproc["no_policies_allow"]["p50_ms"]
    http_ratio = http["allow"]["p50_ms"] / http["models_baseline"]["p50_ms"]
    console.print(
        f"100 policies cost {in_ratio:.2f}x the p50 of no policy in-process; over HTTP a check costs "
        f"{http_ratio:.2f}x the p50 of GET /v1/models. Target: p99 over HTTP < 2 ms: {http['allow']['p99_ms']:.3f} ms."
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
