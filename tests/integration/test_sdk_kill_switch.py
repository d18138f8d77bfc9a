"""The SDK against a real AMS when an operator stops or pauses the agent, and when AMS is not there at all."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import ams_sdk
from tests.integration.conftest import free_port, start_server
from tests.integration.sdk_helpers import Fleet, admin_fleet, wait_for

# The requirement: a running task learns of an emergency stop within a second.
STOP_BOUND_S = 1.0


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    server = start_server(tmp_path_factory.mktemp("sdk-kill-switch"), None)
    fleet = admin_fleet(server)
    yield fleet
    fleet.close()


@pytest.fixture
def connected(fleet: Fleet) -> Iterator[tuple[dict[str, str], ams_sdk.Runtime]]:
    agent, key = fleet.agent("stoppable")
    runtime = ams_sdk.init(api_key=key, endpoint=fleet.server.url, heartbeat_interval_s=0,
                           set_global_tracer_provider=False)  # fmt: skip
    assert runtime is not None
    # the stream is open once the switch has read the agent's status through it
    assert wait_for(lambda: runtime.killswitch._stream_up.is_set(), 10)
    yield agent, runtime
    ams_sdk.shutdown()


def test_an_emergency_stop_stops_a_running_task_within_a_second(
    fleet: Fleet, connected: tuple[dict[str, str], ams_sdk.Runtime]
) -> None:
    agent, runtime = connected

    @ams_sdk.tool(action="crm.update")
    def update(record: int) -> int:
        time.sleep(0.02)
        return record

    outcome: dict[str, object] = {}
    started = threading.Event()

    @ams_sdk.task(name="long-job")
    def long_job() -> None:
        for record in range(100_000):
            update(record)
            started.set()

    def run() -> None:
        try:
            long_job()
        except ams_sdk.AgentStopped as stopped:
            outcome["stopped_at"], outcome["error"] = time.monotonic(), stopped

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(10)
    engaged = fleet.admin.post("/api/v1/emergency-stop", json={
        "organization_id": fleet.organization_id, "scope": "agent", "target": agent["id"],
        "reason": "runaway refunds"})  # fmt: skip
    assert engaged.status_code == 201, engaged.text
    stop_sent = time.monotonic()
    worker.join(STOP_BOUND_S + 5)

    assert "stopped_at" in outcome, "the task was not stopped"
    assert float(outcome["stopped_at"]) - stop_sent < STOP_BOUND_S  # type: ignore[arg-type]
    error = outcome["error"]
    assert isinstance(error, ams_sdk.AgentStopped)
    assert "runaway refunds" in error.reason

    # a new task is refused before it runs
    ran = []

    @ams_sdk.task
    def another() -> None:
        ran.append(True)

    with pytest.raises(ams_sdk.AgentStopped):
        another()
    assert ran == []

    released = fleet.admin.post("/api/v1/emergency-stop/release", json={
        "organization_id": fleet.organization_id, "scope": "agent", "target": agent["id"]})  # fmt: skip
    assert released.status_code == 200, released.text
    assert wait_for(lambda: not runtime.killswitch.halted, 5)
    another()
    assert ran == [True]


def test_a_paused_agent_refuses_new_tasks_and_resumes(
    fleet: Fleet, connected: tuple[dict[str, str], ams_sdk.Runtime]
) -> None:
    agent, runtime = connected
    fleet.admin.post(f"/api/v1/agents/{agent['id']}/pause", json={"reason": "maintenance window"}).raise_for_status()
    assert wait_for(lambda: runtime.killswitch.halted, 5)

    @ams_sdk.task
    def work() -> str:
        return "done"

    with pytest.raises(ams_sdk.AgentStopped, match="paused"):
        work()
    fleet.admin.post(f"/api/v1/agents/{agent['id']}/resume", json={}).raise_for_status()
    assert wait_for(lambda: not runtime.killswitch.halted, 5)
    assert work() == "done"


def test_an_unreachable_ams_neither_crashes_nor_blocks_the_agent_and_drops_are_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Nothing listens on the port: tasks and tools run, the buffer keeps its bound, the loss is counted and said."""
    nowhere = f"http://127.0.0.1:{free_port()}"
    runtime = ams_sdk.init(api_key="ams_agent_key", endpoint=nowhere, buffer_spans=50, heartbeat_interval_s=0.2,
                           flush_interval_s=0.05, guard_timeout_s=0.5, set_global_tracer_provider=False)  # fmt: skip
    assert runtime is not None
    try:

        @ams_sdk.tool(action="mail.send")
        def send(to: str) -> str:
            return f"sent to {to}"

        @ams_sdk.task
        def job(n: int) -> str:
            return send(f"user{n}@example.com")

        results = [job(n) for n in range(200)]
        assert results[-1] == "sent to user199@example.com"
        assert len(runtime.spans) <= 50
        assert runtime.dropped()["spans"] >= 200 * 2 - 50
        assert not ams_sdk.flush(0.5)  # nothing can be delivered, and flush says so rather than hanging
    finally:
        ams_sdk.shutdown(timeout_s=0.5)
    assert "dropped" in caplog.text
    assert "guard unavailable" in caplog.text


def test_the_guard_failing_closed_refuses_tools_when_ams_is_unreachable(tmp_path: Path) -> None:
    ams_sdk.init(api_key="ams_agent_key", endpoint=f"http://127.0.0.1:{free_port()}", guard_failure="deny",
                 heartbeat_interval_s=0, kill_switch=False, set_global_tracer_provider=False)  # fmt: skip
    try:

        @ams_sdk.tool(action="payments.refund")
        def refund(amount: float) -> float:
            raise AssertionError("must not run unchecked")

        with pytest.raises(ams_sdk.ActionDenied, match="guard unavailable"):
            refund(10.0)
    finally:
        ams_sdk.shutdown(timeout_s=0.2)
