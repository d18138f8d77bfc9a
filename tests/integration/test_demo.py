"""`ams demo` as a user starts it: within a minute every demo agent has KPIs in AMS, made by the real SDK through
the real gateway, and the behaviours show (a spend cap hit, approvals answered by a human, a denied action)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from ams.demo.fleet import FLEET
from tests.integration.conftest import AMS, STARTUP_TIMEOUT_S, free_port

# The requirement: every demo agent's KPIs are filled within a minute of AMS answering.
KPI_BOUND_S = 60


def _fleet(url: str, token: str) -> dict[str, dict[str, Any]]:
    answer = httpx.get(f"{url}/api/v1/analytics/fleet", params={"window": "15m"},
                       headers={"Authorization": f"Bearer {token}"}, timeout=10)  # fmt: skip
    answer.raise_for_status()
    return {row["name"]: row for row in answer.json()["items"]}


def _filled(row: dict[str, Any] | None) -> bool:
    if row is None:
        return False
    kpis = row["kpis"]
    return kpis["tasks"] > 0 and kpis["cost_usd"] > 0 and kpis["latency_ms"]["p50"] is not None


def test_ams_demo_fills_every_demo_agents_kpis_within_a_minute(tmp_path: Path) -> None:
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("AMS_")}, "AMS_ADMIN_PASSWORD": "demo-test-pw-1"}
    log = (tmp_path / "demo.log").open("wb")
    demo = subprocess.Popen([AMS, "demo", "--port", str(port), "--data-dir", str(tmp_path / "data")], env=env,
                            stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            assert demo.poll() is None, (tmp_path / "demo.log").read_text()
            assert time.monotonic() < deadline, "AMS did not start"
            try:
                if httpx.get(f"{url}/api/v1/system/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        answered = time.monotonic()
        login = httpx.post(f"{url}/api/v1/auth/login", json={"email": "admin@ams.local", "password": "demo-test-pw-1"})
        token = login.json()["access_token"]
        rows: dict[str, dict[str, Any]] = {}
        while time.monotonic() - answered < KPI_BOUND_S:
            rows = _fleet(url, token)
            if all(_filled(rows.get(agent.name)) for agent in FLEET):
                break
            time.sleep(1)
        missing = [agent.name for agent in FLEET if not _filled(rows.get(agent.name))]
        assert not missing, f"no KPIs within {KPI_BOUND_S}s for {missing}:\n{(tmp_path / 'demo.log').read_text()}"

        assert len({row["project_id"] for name, row in rows.items() if name in {a.name for a in FLEET}}) >= 4
        assert rows["payments-refunder"]["kpis"]["hir"] > 0  # every refund waited for a human
        approvals = httpx.get(f"{url}/api/v1/approvals", params={"agent_id": rows["payments-refunder"]["agent_id"]},
                              headers={"Authorization": f"Bearer {token}"}).json()["items"]  # fmt: skip
        assert approvals
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=40)
        except subprocess.TimeoutExpired:
            # Its server and mock provider run in sessions of their own: they are not left behind.
            for child in _children(demo.pid):
                os.kill(child, signal.SIGKILL)
            demo.kill()
            demo.wait()
        log.close()
    assert demo.returncode == 0, (tmp_path / "demo.log").read_text()


def _children(pid: int) -> list[int]:
    """The processes `pid` started (Linux's /proc), while it still runs."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
