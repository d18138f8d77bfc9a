"""Metering: one span per gateway call into the telemetry pipeline, off the request path.

The proxy appends a finished call to an in-memory buffer and answers at once; a daemon task prices the buffered
calls (the provider's own model price, else the organization's price book) and writes them in batches through
the ingest pipeline, which the embedded store wants as few, large inserts. Stopping flushes what is buffered
before the pipeline drains, so a clean shutdown loses no call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

from ams.shared_state import Reservation, SharedState
from ams.telemetry.ingest_service import SPAN_STORE_COLUMNS
from ams.telemetry.pipeline import IngestPipeline, Overloaded
from ams.telemetry.pricing import ModelPrice, PriceBook, cost_usd
from ams.telemetry.spans import SPAN_COLUMNS, CostSource

log = logging.getLogger(__name__)
FLUSH_INTERVAL_S = 0.5
FLUSH_ROWS = 1_000
MAX_BUFFERED = 100_000  # past this (the store is down for long) the oldest calls are dropped, and counted
PRICING_PROVIDER = {"openai": "openai", "anthropic": "anthropic", "gemini": "google", "openai_compatible": ""}


@dataclass(slots=True)
class CallRecord:
    organization_id: str
    project_id: str
    agent_id: str
    agent_version: str
    trace_id: str
    span_id: str
    parent_span_id: str
    name: str
    kind: str  # llm | embedding | guard
    operation: str  # chat | embeddings
    ok: bool
    status_message: str
    start_us: int
    end_us: int
    provider: str  # the provider's name in AMS
    provider_kind: str
    model: str
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    price: tuple[float, float] | None  # the provider's own (input, output) USD per million tokens
    input: str
    output: str
    attributes: dict[str, Any]
    tool_name: str = ""  # a guard check's action


class Meter:
    def __init__(
        self,
        pipeline: IngestPipeline,
        book_for: Callable[[str], Awaitable[PriceBook]],
        max_payload_chars: int,
        shared: SharedState | None = None,
    ) -> None:
        self.shared = shared
        self.pipeline = pipeline
        self.book_for = book_for
        self.max_payload_chars = max_payload_chars
        self.dropped = 0
        self.written = 0
        self._buffer: list[CallRecord] = []
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="gateway:meter")

    def record(self, call: CallRecord) -> None:
        if len(self._buffer) >= MAX_BUFFERED:
            del self._buffer[0]
            self.dropped += 1
        self._buffer.append(call)
        if len(self._buffer) >= FLUSH_ROWS:
            self._wake.set()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), FLUSH_INTERVAL_S)
            except TimeoutError:
                pass
            self._wake.clear()
            await self.flush()
            if self._stopping and not self._buffer:
                return

    async def flush(self) -> None:
        calls, self._buffer = self._buffer, []
        if not calls:
            return
        try:
            columns = await self._columns(calls)
            await self.pipeline.write("spans", SPAN_STORE_COLUMNS, [columns[n] for n in SPAN_COLUMNS], len(calls))
            self.written += len(calls)
            await self._count_spend(calls, columns["cost_usd"])
        except Overloaded:
            if self._stopping:
                log.error("the ingest pipeline closed before %d gateway spans were written", len(calls))
                self.dropped += len(calls)
                return
            # The queue is full: keep the calls for the next round rather than lose them.
            self._buffer[:0] = calls
            await asyncio.sleep(1.0)
        except Exception:  # a failed insert must not end the meter; the pipeline logged it
            log.exception("writing %d gateway spans failed", len(calls))
            self.dropped += len(calls)

    async def _count_spend(self, calls: list[CallRecord], costs: list[float]) -> None:
        """Add each provider's spend of the month to the shared state, where its monthly budget is checked."""
        if self.shared is None:
            return
        totals: dict[str, float] = {}
        for call, cost in zip(calls, costs, strict=True):
            provider_id = call.attributes.get("ams.gateway.provider_id")
            if provider_id and cost > 0:
                key = budget_key(provider_id, call.start_us)
                totals[key] = totals.get(key, 0.0) + cost
        for key, total in totals.items():
            await self.shared.settle_spend(Reservation(key, "", 0.0), total)

    async def _columns(self, calls: list[CallRecord]) -> dict[str, list[Any]]:
        books: dict[str, PriceBook] = {}
        for org in {c.organization_id for c in calls}:
            books[org] = await self.book_for(org)
        limit = self.max_payload_chars
        now_us = int(time.time() * 1_000_000)
        cols: dict[str, list[Any]] = {name: [] for name in SPAN_COLUMNS}
        for c in calls:
            cost, source = _price(c, books[c.organization_id])
            row = {
                "organization_id": c.organization_id,
                "project_id": c.project_id,
                "trace_id": c.trace_id,
                "span_id": c.span_id,
                "parent_span_id": c.parent_span_id,
                "agent_id": c.agent_id,
                "agent_version": c.agent_version,
                "session_id": "",
                "kind": c.kind,
                "name": c.name,
                "status": "ok" if c.ok else "error",
                "status_message": c.status_message[:2000],
                "start_time": c.start_us,
                "end_time": c.end_us,
                "duration_ms": (c.end_us - c.start_us) / 1000,
                "provider": c.provider,
                "model": c.model,
                "operation": c.operation,
                "tool_name": c.tool_name,
                "input_tokens": c.input_tokens,
                "output_tokens": c.output_tokens,
                "cached_input_tokens": c.cached_input_tokens,
                "cost_usd": cost,
                "cost_source": source,
                # A guard decision belongs to a task (the agent's), it is never one itself.
                "is_task": 0 if c.parent_span_id or c.kind == "guard" else 1,
                "task_outcome": "",
                "human_intervention": 0,
                "input": _truncate(c.input, limit),
                "output": _truncate(c.output, limit),
                "attributes": orjson.dumps(c.attributes).decode(),
                "events": "[]",
                "ingested_at": now_us,
            }
            for name, value in row.items():
                cols[name].append(value)
        return cols


def model_price(
    own: tuple[float, float] | None, provider: str, provider_kind: str, model: str, book: PriceBook
) -> ModelPrice | None:
    """What a model costs: the provider's own price when registered with one, else the organization's book."""
    if own is not None:
        return ModelPrice(provider, model, own[0], None, own[1])
    return book.lookup(model, PRICING_PROVIDER.get(provider_kind, ""))


def _price(call: CallRecord, book: PriceBook) -> tuple[float, str]:
    if call.input_tokens <= 0 and call.output_tokens <= 0:
        return 0.0, CostSource.NONE.value
    price = model_price(call.price, call.provider, call.provider_kind, call.model, book)
    if price is None:
        return 0.0, CostSource.UNPRICED.value
    return cost_usd(price, call.input_tokens, call.output_tokens, call.cached_input_tokens), CostSource.PRICING.value


def budget_key(provider_id: str, at_us: int | None = None) -> str:
    """The shared-state spend key of a provider for the UTC month of `at_us` (now when None)."""
    month = time.strftime("%Y-%m", time.gmtime(None if at_us is None else at_us / 1_000_000))
    return f"provider:{provider_id}:{month}"


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…[truncated {len(text) - limit} chars]"
