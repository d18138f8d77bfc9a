"""OpenAI chat completions ⇄ Anthropic Messages, requests, answers and streams, tool calls included. Pure."""

from __future__ import annotations

import time
from typing import Any

import orjson

from ams.gateway.usage import Usage

DEFAULT_MAX_TOKENS = 4096
API_VERSION = "2023-06-01"
_FINISH = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length", "tool_use": "tool_calls",
           "pause_turn": "stop", "refusal": "content_filter"}  # fmt: skip


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    return ""


def _image_block(part: dict[str, Any]) -> dict[str, Any]:
    url = (part.get("image_url") or {}).get("url", "")
    if url.startswith("data:") and ";base64," in url:
        media, _, data = url[5:].partition(";base64,")
        return {"type": "image", "source": {"type": "base64", "media_type": media, "data": data}}
    return {"type": "image", "source": {"type": "url", "url": url}}


def _blocks(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    blocks: list[dict[str, Any]] = []
    for part in content or []:
        if part.get("type") == "text":
            blocks.append({"type": "text", "text": part.get("text", "")})
        elif part.get("type") == "image_url":
            blocks.append(_image_block(part))
    return blocks


def _tool_choice(choice: Any) -> dict[str, Any] | None:
    if choice in (None, "auto"):
        return {"type": "auto"} if choice else None
    if choice == "required":
        return {"type": "any"}
    if choice == "none":
        return {"type": "none"}
    if isinstance(choice, dict) and choice.get("type") == "function":
        return {"type": "tool", "name": choice["function"]["name"]}
    return None


def to_anthropic(request: dict[str, Any], model: str) -> dict[str, Any]:
    """The Messages request for an OpenAI chat request."""
    system: list[str] = []
    messages: list[dict[str, Any]] = []

    def add(role: str, blocks: list[dict[str, Any]]) -> None:
        # Anthropic wants user and assistant turns to alternate: consecutive turns of one role merge.
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"].extend(blocks)
        else:
            messages.append({"role": role, "content": blocks})

    for message in request.get("messages") or []:
        role = message.get("role")
        if role in ("system", "developer"):
            system.append(_text_of(message.get("content")))
        elif role == "user":
            add("user", _blocks(message.get("content")))
        elif role == "assistant":
            blocks = _blocks(message.get("content"))
            for call in message.get("tool_calls") or []:
                function = call.get("function") or {}
                try:
                    arguments = orjson.loads(function.get("arguments") or "{}")
                except orjson.JSONDecodeError:
                    arguments = {"_raw": function.get("arguments")}
                blocks.append(
                    {"type": "tool_use", "id": call.get("id"), "name": function.get("name"), "input": arguments}
                )
            add("assistant", blocks)
        elif role == "tool":
            result = {"type": "tool_result", "tool_use_id": message.get("tool_call_id"),
                      "content": _text_of(message.get("content"))}  # fmt: skip
            add("user", [result])
    out: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "max_tokens": request.get("max_completion_tokens") or request.get("max_tokens") or DEFAULT_MAX_TOKENS,
    }
    if system:
        out["system"] = "\n\n".join(s for s in system if s)
    for ours, theirs in (("temperature", "temperature"), ("top_p", "top_p")):
        if request.get(ours) is not None:
            out[theirs] = request[ours]
    stop = request.get("stop")
    if stop:
        out["stop_sequences"] = [stop] if isinstance(stop, str) else list(stop)
    tools = request.get("tools")
    if tools:
        out["tools"] = [
            {"name": t["function"]["name"], "description": t["function"].get("description", ""),
             "input_schema": t["function"].get("parameters") or {"type": "object", "properties": {}}}
            for t in tools if t.get("type") == "function"
        ]  # fmt: skip
    choice = _tool_choice(request.get("tool_choice"))
    if choice and tools:
        out["tool_choice"] = choice
    user = request.get("user")
    if user:
        out["metadata"] = {"user_id": str(user)}
    if request.get("stream"):
        out["stream"] = True
    return out


def anthropic_usage(usage: Any) -> Usage:
    if not isinstance(usage, dict):
        return Usage()
    cached = usage.get("cache_read_input_tokens") or 0
    prompt = (usage.get("input_tokens") or 0) + cached + (usage.get("cache_creation_input_tokens") or 0)
    return Usage(int(prompt), int(usage.get("output_tokens") or 0), int(cached))


def openai_usage_object(usage: Usage) -> dict[str, Any]:
    return {
        "prompt_tokens": usage.input_tokens,
        "completion_tokens": usage.output_tokens,
        "total_tokens": usage.total,
        "prompt_tokens_details": {"cached_tokens": usage.cached_input_tokens},
    }


def from_anthropic(answer: dict[str, Any], alias: str) -> tuple[dict[str, Any], Usage]:
    """The OpenAI chat completion for a Messages answer, and its usage."""
    text: list[str] = []
    calls: list[dict[str, Any]] = []
    for block in answer.get("content") or []:
        if block.get("type") == "text":
            text.append(block.get("text", ""))
        elif block.get("type") == "tool_use":
            calls.append({"id": block.get("id"), "type": "function",
                          "function": {"name": block.get("name"),
                                       "arguments": orjson.dumps(block.get("input") or {}).decode()}})  # fmt: skip
    message: dict[str, Any] = {"role": "assistant", "content": "".join(text) if text or not calls else None}
    if calls:
        message["tool_calls"] = calls
    usage = anthropic_usage(answer.get("usage"))
    completion = {
        "id": answer.get("id") or "chatcmpl-ams",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": answer.get("model") or alias,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": _FINISH.get(answer.get("stop_reason") or "", "stop"),
            }
        ],  # fmt: skip
        "usage": openai_usage_object(usage),
    }
    return completion, usage


class AnthropicStream:
    """Turns a Messages event stream into OpenAI chat.completion.chunk documents, one event at a time."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.id = "chatcmpl-ams"
        self.created = int(time.time())
        self.usage = Usage()
        self._tool_index: dict[int, int] = {}  # content block index -> tool call index
        self.finished = False

    def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}  # fmt: skip

    def usage_chunk(self) -> dict[str, Any]:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                "choices": [], "usage": openai_usage_object(self.usage)}  # fmt: skip

    def feed(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        kind = event.get("type")
        if kind == "message_start":
            message = event.get("message") or {}
            self.id = message.get("id") or self.id
            self.model = message.get("model") or self.model
            self.usage = anthropic_usage(message.get("usage"))
            return [self._chunk({"role": "assistant", "content": ""})]
        if kind == "content_block_start":
            block = event.get("content_block") or {}
            if block.get("type") == "tool_use":
                index = self._tool_index.setdefault(event.get("index", 0), len(self._tool_index))
                call = {"index": index, "id": block.get("id"), "type": "function",
                        "function": {"name": block.get("name"), "arguments": ""}}  # fmt: skip
                return [self._chunk({"tool_calls": [call]})]
            if block.get("type") == "text" and block.get("text"):
                return [self._chunk({"content": block["text"]})]
            return []
        if kind == "content_block_delta":
            delta = event.get("delta") or {}
            if delta.get("type") == "text_delta":
                return [self._chunk({"content": delta.get("text", "")})]
            if delta.get("type") == "input_json_delta":
                index = self._tool_index.get(event.get("index", 0), 0)
                call = {"index": index, "function": {"arguments": delta.get("partial_json", "")}}
                return [self._chunk({"tool_calls": [call]})]
            return []
        if kind == "message_delta":
            usage = event.get("usage") or {}
            if "output_tokens" in usage:
                self.usage = Usage(self.usage.input_tokens, int(usage["output_tokens"] or 0),
                                   self.usage.cached_input_tokens)  # fmt: skip
            stop = (event.get("delta") or {}).get("stop_reason")
            self.finished = True
            return [self._chunk({}, _FINISH.get(stop or "", "stop"))]
        if kind == "error":
            return [{"error": event.get("error") or {"message": "the provider failed mid-stream"}}]
        return []
