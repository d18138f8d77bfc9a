"""The SDK's own tests: no AMS, no network. Spans are read from an in-memory exporter beside the SDK's own."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import ams_sdk


def closed_port_url() -> str:
    """A local URL where nothing listens: AMS unreachable, instantly."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def no_ams_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("AMS_"):
            monkeypatch.delenv(name)


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """The SDK initialised against an unreachable AMS, its spans also kept in memory."""
    runtime = ams_sdk.init(api_key="ams_test", endpoint=closed_port_url(), version="1.0.0", heartbeat_interval_s=0,
                           kill_switch=False, guard_failure="allow", set_global_tracer_provider=False)  # fmt: skip
    assert runtime is not None
    exporter = InMemorySpanExporter()
    runtime.tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield exporter
    ams_sdk.shutdown(timeout_s=0.1)
