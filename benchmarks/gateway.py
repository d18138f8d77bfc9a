"""Gateway throughput and latency: the mock provider called directly, through a bare Python forwarder (the floor,
`bare_proxy.py`), through AMS, and through LiteLLM's proxy.

For each system and each scenario (concurrency 1, 16 and 64; streaming or not; the mock answering at once or
after 50 ms) a closed-loop load of `concurrency` connections posts the same chat completion for `--seconds`,
after a warm-up. Reported: requests/s, p50/p99 latency, the latency added over the direct call, and the server's
CPU seconds per request (so requests/s per core = 1 / that), from /proc.

Load: `wrk` (Debian package: `apt-get install -y wrk`) with a Lua script; without it, a Python load generator
(aiohttp, in its own process) stands in, and the output says so.

LiteLLM (peer, its own venv, no database, LITELLM_LOCAL_MODEL_COST_MAP=True):
    python3 -m venv /tmp/litellm-venv && /tmp/litellm-venv/bin/pip install 'litellm[proxy]'

    .venv/bin/python benchmarks/gateway.py [--litellm /tmp/litellm-venv/bin/litellm] [--seconds 10]
        [--scenarios c1,c16,c64] [--out bench-out/gateway.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    admin_client,
    ams_server,
    console,
    cpu_seconds,
    free_port,
    machine,
    rss_mib,
    serve,
    wait_until_quiet,
)

BODY = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello in five words."}]}
SCENARIOS = {  # name -> (concurrency, mock latency ms)
    "c1": (1, 0),
    "c16": (16, 50),
    "c16-instant": (16, 0),
    "c64": (64, 0),
}
WRK_LUA = """
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
"""


def mock(latency_ms: float, log_dir: Path, stack: ExitStack) -> str:
    port = free_port()
    cmd = [sys.executable, "-m", "ams.cli.main", "mock-provider", "--port", str(port), "--latency-ms",
           str(latency_ms), "--prompt-tokens", "20", "--completion-tokens", "12", "--chunks", "10"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMS_")}
    process = stack.enter_context(
        serve(cmd, env, log_dir / f"mock-{port}.log", f"http://127.0.0.1:{port}", "/v1/models")
    )
    return str(process.base)


def bare(upstream: str, log_dir: Path, stack: ExitStack) -> tuple[str, int]:
    """The bare forwarder in front of one mock: (its base URL, its pid)."""
    port = free_port()
    cmd = [sys.executable, str(Path(__file__).with_name("bare_proxy.py")), str(port), upstream]
    process = stack.enter_context(serve(cmd, dict(os.environ), log_dir / f"bare-{port}.log",
                                        f"http://127.0.0.1:{port}", "/v1/models"))  # fmt: skip
    return str(process.base), process.proc.pid


def litellm(binary: str, mocks: dict[int, str], log_dir: Path, stack: ExitStack) -> tuple[str, int, str]:
    port = free_port()
    config = log_dir / "litellm.yaml"
    entries = "".join(
        f"  - model_name: mock-{latency}\n    litellm_params:\n      model: openai/gpt-4o-mini\n"
        f"      api_base: {url}/v1\n      api_key: sk-anything\n"
        for latency, url in mocks.items()
    )
    config.write_text(f"model_list:\n{entries}litellm_settings:\n  telemetry: false\n  drop_params: true\n")
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_MASTER_KEY": "sk-bench-master"}
    cmd = [binary, "--config", str(config), "--host", "127.0.0.1", "--port", str(port), "--num_workers", "1"]
    process = stack.enter_context(
        serve(cmd, env, log_dir / "litellm.log", f"http://127.0.0.1:{port}", "/health/liveliness")
    )
    return str(process.base), process.proc.pid, "Bearer sk-bench-master"


def wrk_run(url: str, body: dict[str, Any], auth: str, concurrency: int, seconds: float, lua: Path) -> dict[str, Any]:
    env = {**os.environ, "BENCH_BODY": json.dumps(body), "BENCH_AUTH": auth}
    threads = min(concurrency, 2)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{max(1, round(seconds))}s", "--latency",
         "-s", str(lua), url],
        env=env, capture_output=True, text=True, timeout=seconds + 60,
    ).stdout  # fmt: skip

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if not match:
            raise RuntimeError(f"wrk output without {label}%:\n{out}")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


def python_run(url: str, body: dict[str, Any], auth: str, concurrency: int, seconds: float) -> dict[str, Any]:
    """A closed-loop load in a child process (aiohttp), when wrk is not installed."""
    code = f"""
import asyncio, json, time, aiohttp, statistics
async def main():
    lat, bad = [], 0
    headers = {{"Content-Type": "application/json", **({{"Authorization": {auth!r}}} if {auth!r} else {{}})}}
    body = json.dumps({body!r}).encode()
    end = time.perf_counter() + {seconds}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as s:
        async def worker():
            nonlocal bad
            while time.perf_counter() < end:
                t = time.perf_counter()
                async with s.post({url!r}, data=body, headers=headers) as r:
                    await r.read()
                    bad += r.status >= 300
                lat.append(time.perf_counter() - t)
        t0 = time.perf_counter()
        await asyncio.gather(*[worker() for _ in range({concurrency})])
        took = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100, method="inclusive")
    print(json.dumps({{"requests": len(lat), "rps": len(lat) / took, "p50_ms": q[49] * 1e3, "p99_ms": q[98] * 1e3,
                      "non_2xx": bad, "socket_errors": 0}}))
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds + 60)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def measure(name: str, url: str, body: dict[str, Any], auth: str, pid: int | None, concurrency: int,
            seconds: float, lua: Path | None) -> dict[str, Any]:  # fmt: skip
    run = (
        (lambda s: wrk_run(url, body, auth, concurrency, s, lua))
        if lua
        # noqa: E731
        else (lambda s: python_run(url, body, auth, concurrency, s))
    )
    warm = run(min(2.0, seconds))  # warm-up: connection pools, caches, lazy imports
    cpu0 = cpu_seconds(pid) if pid else 0.0
    result = run(seconds)
    result["warmup_requests"] = warm["requests"] - warm["non_2xx"]
    if pid:
        used = cpu_seconds(pid) - cpu0
        result["server_cpu_s"] = used
        result["cpu_ms_per_request"] = used / max(result["requests"], 1) * 1000
        result["rps_per_core"] = result["requests"] / used if used else None
        result["rss_mib"] = rss_mib(pid)
    console.print(f"  {name:8} c={concurrency:<3} {result['rps']:9.1f} req/s  p50 {result['p50_ms']:7.2f} ms  "
                  f"p99 {result['p99_ms']:7.2f} ms  non-2xx {result['non_2xx']}"
                  + (f"  {result['cpu_ms_per_request']:.3f} CPU-ms/req" if pid else ""))  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--litellm", default="/tmp/litellm-venv/bin/litellm")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--scenarios", default="c1,c16,c16-instant,c64")
    parser.add_argument("--streams", default="false,true")
    parser.add_argument("--systems", default="direct,bare,ams,litellm")
    parser.add_argument("--quiet-wait", type=float, default=300, help="Seconds to wait for a quiet machine.")
    parser.add_argument("--out", default="bench-out/gateway.json")
    args = parser.parse_args()
    has_wrk = shutil.which("wrk") is not None
    if not has_wrk:
        console.print("[bold yellow]wrk not found (apt-get install -y wrk): using the Python load generator[/]")
    report: dict[str, Any] = {"machine": machine(), "started": datetime.now(UTC).isoformat(),
                              "load": "wrk" if has_wrk else "python-aiohttp", "runs": []}  # fmt: skip
    report["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                      text=True).stdout.strip()  # fmt: skip
    report.update(wait_until_quiet(0.25, args.quiet_wait))
    systems = set(args.systems.split(","))
    with tempfile.TemporaryDirectory(prefix="ams-bench-gw-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        lua = work / "post.lua"
        lua.write_text(WRK_LUA)
        mocks = {latency: mock(latency, work, stack) for latency in sorted({s[1] for s in SCENARIOS.values()})}
        password = "bench-password-1"
        server = stack.enter_context(ams_server(work / "ams", password))
        admin = stack.enter_context(admin_client(server.base, password))
        project = admin.get("/api/v1/projects").raise_for_status().json()[0]["id"]
        agent = admin.post("/api/v1/agents", json={"name": "bench", "platform": "custom", "project_id": project})
        agent_id = agent.raise_for_status().json()["id"]
        for action in ("provision", "deploy"):
            admin.post(f"/api/v1/agents/{agent_id}/{action}", json={}).raise_for_status()
        key = admin.post("/api/v1/api-keys", json={"agent_id": agent_id}).raise_for_status().json()["key"]
        for latency, url in mocks.items():
            admin.post("/api/v1/providers", json={
                "name": f"mock-{latency}", "kind": "openai_compatible", "base_url": f"{url}/v1",
                "models": [{"name": "gpt-4o-mini"}]}).raise_for_status()  # fmt: skip
        bares = {latency: bare(url, work, stack) for latency, url in mocks.items()} if "bare" in systems else {}
        peer = None
        if "litellm" not in systems:
            pass
        elif Path(args.litellm).exists():
            peer = litellm(args.litellm, mocks, work, stack)
        else:
            console.print(f"[bold red]LiteLLM not found at {args.litellm}: measuring AMS alone[/]")
        for stream in [s == "true" for s in args.streams.split(",")]:
            for scenario in args.scenarios.split(","):
                concurrency, latency = SCENARIOS[scenario]
                body = {**BODY, "stream": stream}
                console.print(f"[bold]{scenario}, mock {latency} ms, stream={stream}[/]")
                row: dict[str, Any] = {"scenario": scenario, "concurrency": concurrency, "mock_latency_ms": latency,
                                       "stream": stream}  # fmt: skip
                if "direct" in systems:
                    row["direct"] = measure("direct", f"{mocks[latency]}/v1/chat/completions", body, "", None,
                                            concurrency, args.seconds, lua if has_wrk else None)  # fmt: skip
                if bares:
                    floor_url, floor_pid = bares[latency]
                    row["bare"] = measure("bare", f"{floor_url}/v1/chat/completions", body, "", floor_pid,
                                          concurrency, args.seconds, lua if has_wrk else None)  # fmt: skip
                row["ams"] = measure("ams", f"{server.base}/v1/chat/completions",
                                     {**body, "model": f"mock-{latency}/gpt-4o-mini"}, f"Bearer {key}",
                                     server.proc.pid, concurrency, args.seconds, lua if has_wrk else None)  # fmt: skip
                if peer:
                    row["litellm"] = measure("litellm", f"{peer[0]}/v1/chat/completions",
                                             {**body, "model": f"mock-{latency}"}, peer[2], peer[1], concurrency,
                                             args.seconds, lua if has_wrk else None)  # fmt: skip
                report["runs"].append(row)
        # Every call was metered: the spans stored match the calls AMS answered.
        time.sleep(2)
        kpis = admin.get(f"/api/v1/agents/{agent_id}/kpis", params={"window": "1h"}).json()["kpis"]
        report["ams_spans_stored"] = kpis["tasks"]
        # Calls answered 2xx, warm-ups included (wrk counts requests still open at its deadline too).
        report["ams_calls_answered"] = sum(
            r["ams"]["requests"] - r["ams"]["non_2xx"] + r["ams"]["warmup_requests"] for r in report["runs"]
        )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    console.print(f"written to {args.out}")


if __name__ == "__main__":
    try:
        main()
    except httpx.HTTPError as exc:
        raise SystemExit(f"benchmark failed: {exc}") from exc
