"""The decorators, checked on the spans they make (kept in memory; AMS is unreachable throughout)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import ams_sdk


def _by_name(exporter: InMemorySpanExporter) -> dict[str, dict[str, object]]:
    return {
        s.name: {**dict(s.attributes or {}), "status": s.status.status_code.name} for s in exporter.get_finished_spans()
    }


def test_undecorated_behaviour_without_init() -> None:
    @ams_sdk.task
    def add(a: int, b: int) -> int:
        return a + b

    @ams_sdk.tool(action="math.add")
    def tool_add(a: int, b: int) -> int:
        return a + b

    assert add(1, 2) == 3
    assert tool_add(2, 3) == 5


def test_a_task_records_its_outcome_from_return_exception_or_set_outcome(spans: InMemorySpanExporter) -> None:
    @ams_sdk.task(name="ok")
    def ok() -> str:
        return "fine"

    @ams_sdk.task(name="broken")
    def broken() -> None:
        raise RuntimeError("upstream down")

    @ams_sdk.task(name="handed-over")
    def handed_over() -> None:
        ams_sdk.set_outcome("escalated")

    assert ok() == "fine"
    with pytest.raises(RuntimeError):
        broken()
    handed_over()
    found = _by_name(spans)
    assert found["ok"]["ams.task.outcome"] == "success"
    assert found["ok"]["output.value"] == "fine"
    assert (found["broken"]["ams.task.outcome"], found["broken"]["status"]) == ("failure", "ERROR")
    assert found["handed-over"]["ams.task.outcome"] == "escalated"
    assert found["handed-over"]["ams.human_intervention"] is True


def test_async_tasks_and_tools_nest_like_sync_ones(spans: InMemorySpanExporter) -> None:
    @ams_sdk.tool(action="kb.search")
    async def search(query: str) -> list[str]:
        await asyncio.sleep(0)
        return [query]

    @ams_sdk.task(name="answer")
    async def answer(question: str) -> list[str]:
        with ams_sdk.span("plan", kind="chain", step=1):
            pass
        ams_sdk.record_human_intervention("reviewed the draft")
        return await search(question)

    assert asyncio.run(answer("refund policy")) == ["refund policy"]
    finished = {s.name: s for s in spans.get_finished_spans()}
    root = finished["answer"]
    assert finished["tool kb.search"].parent is not None
    assert finished["tool kb.search"].parent.span_id == root.context.span_id
    assert finished["plan"].parent.span_id == root.context.span_id
    tool = finished["tool kb.search"].attributes or {}
    assert (tool["ams.span.kind"], tool["gen_ai.tool.name"], tool["ams.guard.unavailable"]) == ("tool", "kb.search",
                                                                                                True)  # fmt: skip
    assert (root.attributes or {})["ams.human_intervention"] is True


def test_an_unreachable_guard_lets_tools_run_and_says_so_once(
    spans: InMemorySpanExporter, caplog: pytest.LogCaptureFixture
) -> None:
    @ams_sdk.tool(action="mail.send")
    def send(to: str) -> str:
        return to

    with caplog.at_level(logging.WARNING, "ams_sdk"):
        assert [send(f"u{n}") for n in range(3)] == ["u0", "u1", "u2"]
    assert caplog.text.count("guard unavailable") == 1


def test_bad_names_and_outcomes_are_refused_where_they_are_written() -> None:
    with pytest.raises(ValueError, match="action"):
        ams_sdk.tool(action="merge pr!")(lambda: None)
    with pytest.raises(ValueError, match="outcome"):
        ams_sdk.set_outcome("great")


def test_a_halted_agent_refuses_tasks_and_tools(spans: InMemorySpanExporter) -> None:
    runtime = ams_sdk.current()
    assert runtime is not None
    stop = {"scope": "fleet", "reason": "incident 42"}
    runtime.killswitch.apply_status({"lifecycle_state": "active", "emergency_stop": stop})
    ran: list[str] = []

    @ams_sdk.task
    def work() -> None:
        ran.append("task")

    @ams_sdk.tool(action="db.write")
    def write() -> None:
        ran.append("tool")

    with pytest.raises(ams_sdk.AgentStopped, match="incident 42"):
        work()
    with pytest.raises(ams_sdk.AgentStopped):
        write()
    assert ran == []
    runtime.killswitch.apply_status({"lifecycle_state": "active", "emergency_stop": None})
    work()
    assert ran == ["task"]


def test_heartbeats_carry_process_figures_tasks_and_custom_metrics(spans: InMemorySpanExporter) -> None:
    runtime = ams_sdk.current()
    assert runtime is not None
    ams_sdk.set_metric("queue_depth", 7)
    runtime.heartbeat.gauge("cache_items", lambda: 3.0)

    @ams_sdk.task
    def job() -> None:
        pass

    job()
    beat = runtime.heartbeat.beat()
    assert beat["memory_mb"] > 0
    assert beat["completed_tasks"] == 1 and beat["active_tasks"] == 0
    assert beat["metrics"] == {"queue_depth": 7.0, "cache_items": 3.0}


def test_a_hanging_ams_is_asked_once_not_at_every_tool_call() -> None:
    """AMS accepts connections and never answers: the first guard check waits out its timeout; the next tool calls
    run without asking (and waiting) again. Counted as the connections the hanging server accepted."""
    import socket
    import threading

    accepted: list[socket.socket] = []
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(16)
        hanging.settimeout(0.2)
        done = threading.Event()

        def accept() -> None:
            while not done.is_set():
                try:
                    accepted.append(hanging.accept()[0])
                except TimeoutError:
                    continue

        acceptor = threading.Thread(target=accept)
        acceptor.start()
        endpoint = f"http://127.0.0.1:{hanging.getsockname()[1]}"
        # Nothing else of the SDK connects during the test: no heartbeats, no kill switch, no span flush yet.
        ams_sdk.init(api_key="ams_test", endpoint=endpoint, guard_timeout_s=0.5, heartbeat_interval_s=0,
                     flush_interval_s=60, kill_switch=False, set_global_tracer_provider=False)  # fmt: skip
        try:

            @ams_sdk.tool(action="mail.send")
            def send(to: str) -> str:
                return to

            assert [send(f"u{n}") for n in range(10)] == [f"u{n}" for n in range(10)]
            guard_connections = len(accepted)
        finally:
            done.set()
            acceptor.join()
            ams_sdk.shutdown(timeout_s=0.1)
            for conn in accepted:
                conn.close()
    assert guard_connections == 1
