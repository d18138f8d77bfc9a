"""Token counts: estimated before a call (for limits and context windows), read from the answer after. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

# Roughly four bytes of JSON per token across English text and code: a slight over-estimate on message
# bodies (keys and quotes count too), which is the safe side for limits and context checks.
BYTES_PER_TOKEN = 4
_USAGE_OBJECT = re.compile(rb'"usage"\s*:\s*\{')


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens


def estimate_prompt_tokens(body: bytes) -> int:
    return len(body) // BYTES_PER_TOKEN + 1


def requested_output_tokens(request: dict[str, Any]) -> int:
    value = request.get("max_completion_tokens") or request.get("max_tokens") or 0
    return value if isinstance(value, int) and value > 0 else 0


def openai_usage(usage: Any) -> Usage | None:
    """Usage from an OpenAI-shaped `usage` object (chat, embeddings, vLLM, Ollama, Groq alike)."""
    if not isinstance(usage, dict):
        return None
    prompt = usage.get("prompt_tokens") or usage.get("input_tokens") or 0
    completion = usage.get("completion_tokens") or usage.get("output_tokens") or 0
    details = usage.get("prompt_tokens_details") or {}
    cached = details.get("cached_tokens") or 0 if isinstance(details, dict) else 0
    return Usage(int(prompt), int(completion), int(cached))


def usage_of_body(body: bytes) -> Usage | None:
    """Usage of a non-streamed OpenAI-shaped answer."""
    if not _USAGE_OBJECT.search(body):
        return None
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    return openai_usage(document.get("usage")) if isinstance(document, dict) else None


def has_usage_object(event: bytes) -> bool:
    """Whether an SSE event carries a usage object (not `"usage": null`), before paying for a parse."""
    return _USAGE_OBJECT.search(event) is not None
