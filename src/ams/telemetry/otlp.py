"""OTLP/HTTP trace requests (`POST /v1/traces`) decoded into a `SpanBatch`: pure code, no I/O.

`decode_otlp` reads `application/x-protobuf` (an `ExportTraceServiceRequest`) or `application/json` (OTLP/JSON:
lowerCamelCase keys, snake_case accepted as the Collector does; trace and span ids as hex; enums as integers;
64-bit integers as numbers or strings), raw or `Content-Encoding: gzip`.

- A request that cannot be read raises `OtlpDecodeError` (its `status`: 400 malformed, 413 too large after
  decompression, 415 unknown content type or encoding). Decompression stops at `max_body_bytes`, so a small gzip
  bomb costs at most that much memory.
- A span that can be read but not kept is rejected on its own (OTLP partial success): an empty, all-zero or
  wrongly sized trace or span id, a malformed parent id, no start time, an end before its start. The others are
  kept; `DecodeResult` counts the rejected ones and says why in a short message.
- The batch gets the columns of `spans.DECODED_COLUMNS`, `is_task` and `SpanBatch.agent_ref`, with the value
  conventions of `spans.py`. `organization_id`, `project_id`, `agent_id`, `cost_source` and `ingested_at` stay
  empty lists (length 0): the pipeline fills them for the whole batch.
- Attributes are the resource's merged under the span's (the span's win); `semconv` maps them to columns. The
  rest goes to the `attributes` JSON object, with the instrumentation scope as `otel.scope.name`/`otel.scope.version`
  and links, if any, as `otel.links`; `events` is a JSON array of `{name, time_us, attributes}`. Both are bounded:
  values or events that do not fit are left out and counted in `ams.dropped_attributes` / `ams.dropped_events`.
  Array and kvlist values become JSON arrays and objects, bytes become base64.
- `is_task` is 1 for a span without a parent, and for a task or agent span whose parent is flagged remote (it
  starts this agent's part of a trace that began in another process).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import orjson

from ams.telemetry.otlp_json import decode_json
from ams.telemetry.otlp_proto import decode_protobuf
from ams.telemetry.otlp_rows import OtlpDecodeError, SpanRows
from ams.telemetry.spans import SpanBatch

__all__ = ["DecodeResult", "OtlpDecodeError", "decode_otlp"]

MAX_BODY_BYTES = 20_000_000
MAX_GZIP_MEMBERS = 64
PROTOBUF_TYPES = frozenset(("application/x-protobuf", "application/protobuf"))
JSON_TYPES = frozenset(("application/json",))


@dataclass(frozen=True, slots=True)
class DecodeResult:
    """The spans kept, and the spans rejected (OTLP's partial success: `rejected_spans`, `error_message`)."""

    batch: SpanBatch
    rejected_spans: int
    error_message: str


def decode_otlp(
    body: bytes,
    content_type: str,
    content_encoding: str | None,
    *,
    max_payload_chars: int = 16_384,
    max_attributes_chars: int = 32_768,
    max_events_chars: int = 32_768,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> DecodeResult:
    """Decode an OTLP/HTTP trace export request; raises `OtlpDecodeError` when the request cannot be read."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type not in PROTOBUF_TYPES and media_type not in JSON_TYPES:
        raise OtlpDecodeError(
            f"unsupported content type {content_type!r}: use application/x-protobuf or application/json", 415
        )
    body = _decompress(body, content_encoding, max_body_bytes)
    rows = SpanRows(max_payload_chars, max_attributes_chars, max_events_chars)
    try:
        if media_type in JSON_TYPES:
            try:
                document = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise OtlpDecodeError(f"invalid JSON: {exc}") from None
            decode_json(document, rows)
        else:
            decode_protobuf(body, rows)
    except RecursionError:
        raise OtlpDecodeError("attribute values nested too deeply") from None
    return DecodeResult(rows.to_batch(), sum(rows.rejected.values()), rows.error_message())


def _decompress(body: bytes, content_encoding: str | None, limit: int) -> bytes:
    encoding = (content_encoding or "").strip().lower()
    if encoding in ("", "identity"):
        if len(body) > limit:
            raise OtlpDecodeError(f"body larger than {limit} bytes", 413)
        return body
    if encoding not in ("gzip", "x-gzip"):
        raise OtlpDecodeError(f"unsupported content encoding {content_encoding!r}: use gzip or none", 415)
    parts: list[bytes] = []
    size = 0
    data = body
    while True:  # one pass per gzip member: concatenated members are one valid gzip stream
        if len(parts) == MAX_GZIP_MEMBERS:  # a body of many tiny members would cost a pass each
            raise OtlpDecodeError(f"gzip body of more than {MAX_GZIP_MEMBERS} members")
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            part = decompressor.decompress(data, limit - size + 1)
        except zlib.error as exc:
            raise OtlpDecodeError(f"invalid gzip body: {exc}") from None
        size += len(part)
        if size > limit:
            raise OtlpDecodeError(f"body larger than {limit} bytes after decompression", 413)
        parts.append(part)
        if not decompressor.eof:
            raise OtlpDecodeError("invalid gzip body: truncated")
        data = decompressor.unused_data
        if not data:
            return b"".join(parts) if len(parts) > 1 else part
