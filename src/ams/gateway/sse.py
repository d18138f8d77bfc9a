"""Server-sent events as LLM APIs stream them: split a byte stream into whole events, and make events. Pure."""

from __future__ import annotations

from typing import Any

import orjson

DONE = b"data: [DONE]\n\n"


class EventSplitter:
    """Feed it chunks as they arrive; it returns the complete events (each ending in a blank line) so far."""

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        data = self._buffer + chunk
        if b"\r\n" in data:
            data = data.replace(b"\r\n", b"\n")
        events = data.split(b"\n\n")
        self._buffer = events.pop()
        return [event + b"\n\n" for event in events if event.strip()]

    def rest(self) -> list[bytes]:
        """Whatever was left without a final blank line when the stream ended."""
        rest, self._buffer = self._buffer.strip(), b""
        return [rest + b"\n\n"] if rest else []


def data_of(event: bytes) -> bytes | None:
    """The `data:` payload of an event (lines joined), or None when it has none."""
    lines = [line[5:].lstrip(b" ") for line in event.split(b"\n") if line.startswith(b"data:")]
    return b"\n".join(lines) if lines else None


def event_name(event: bytes) -> bytes | None:
    for line in event.split(b"\n"):
        if line.startswith(b"event:"):
            return line[6:].strip()
    return None


def data_event(document: Any) -> bytes:
    return b"data: " + orjson.dumps(document) + b"\n\n"
