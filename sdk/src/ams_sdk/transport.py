"""HTTP to AMS: OTLP spans to `/v1/traces`, events and heartbeats to `/api/v1/ingest`, with one pooled client.

Each call either returns or raises `SendFailed` saying whether a retry can help; the outboxes decide when.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.trace import ReadableSpan

from ams_sdk.config import Config
from ams_sdk.outbox import SendFailed

# OTLP's retryable statuses; any other 4xx means the batch itself is wrong.
_RETRYABLE = {408, 429, 502, 503, 504}


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("retry-after")
    try:
        return max(0.0, float(raw)) if raw else None
    except ValueError:
        return None


def _check(response: httpx.Response) -> None:
    if response.status_code < 300:
        return
    detail = response.text[:300]
    retry = response.status_code in _RETRYABLE or response.status_code >= 500
    raise SendFailed(f"AMS answered {response.status_code}: {detail}", retry=retry, after_s=_retry_after(response))


class Transport:
    """The SDK's connection to AMS."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.client = httpx.Client(
            base_url=config.endpoint,
            headers=config.headers,
            timeout=httpx.Timeout(config.timeout_s, connect=min(config.timeout_s, 2.0)),
        )

    def close(self) -> None:
        self.client.close()

    def _post(self, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.client.post(path, **kwargs)
        except httpx.HTTPError as exc:
            raise SendFailed(f"{type(exc).__name__}: {exc or 'no answer'} ({self.config.endpoint})") from None

    def send_spans(self, spans: Sequence[ReadableSpan]) -> None:
        body = encode_spans(spans).SerializeToString()
        _check(self._post("/v1/traces", content=body, headers={"Content-Type": "application/x-protobuf"}))

    def send_native(self, items: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Items are (`events` or `heartbeats`, the item); one request carries both kinds."""
        document: dict[str, list[dict[str, Any]]] = {}
        for key, item in items:
            document.setdefault(key, []).append(item)
        response = self._post("/api/v1/ingest", json=document)
        _check(response)
