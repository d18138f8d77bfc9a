"""A mock LLM provider for the demo, the tests and the benchmarks: a real HTTP server speaking OpenAI's protocol
(chat completions streamed or not, embeddings, models), or Anthropic's or Gemini's, with a configurable latency,
error rate, token counts and stream length. Built on asyncio and httptools so that it costs little next to
what it serves: the benchmarks call it directly as their baseline.

`GET /__stats` answers how many calls it took and the last request (path, headers, body).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httptools
import orjson

ANSWER_WORDS = "This is a mock answer from the AMS mock provider".split()


@dataclass
class MockConfig:
    protocol: str = "openai"  # openai | anthropic | gemini
    latency_ms: float = 0.0
    error_rate: float = 0.0
    error_status: int = 503
    fail_first: int = 0  # the first N calls fail, whatever the error rate
    prompt_tokens: int = 12
    completion_tokens: int = 8
    chunks: int = 5
    chunk_delay_ms: float = 0.0
    models: list[str] = field(default_factory=lambda: ["mock-model", "gpt-4o-mini", "text-embedding-3-small"])
    context_window: int | None = None  # prompts larger (by ~4 bytes a token) are refused as too long
    seed: int | None = None


@dataclass
class MockState:
    calls: int = 0
    last: dict[str, Any] | None = None
    # Calls by path (query string left off): a health probe's GET /v1/models is a call too.
    by_path: dict[str, int] = field(default_factory=dict)


_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}  # fmt: skip


def _head(status: int, content_type: bytes, length: int | None, extra: bytes = b"") -> bytes:
    framing = b"Content-Length: %d\r\n" % length if length is not None else b"Transfer-Encoding: chunked\r\n"
    reason = _REASONS.get(status, "Error").encode()
    return b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\n%s%s\r\n" % (status, reason, content_type, framing, extra)


class _Connection(asyncio.Protocol):
    def __init__(self, server: MockProvider) -> None:
        self.server = server
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.url = b""
        self.headers: dict[bytes, bytes] = {}
        self.body: list[bytes] = []
        self.queue: asyncio.Queue[tuple[str, bytes, dict[bytes, bytes], bytes] | None] = asyncio.Queue()
        self.worker: asyncio.Task[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.worker = asyncio.get_running_loop().create_task(self._serve())

    def connection_lost(self, exc: Exception | None) -> None:
        self.queue.put_nowait(None)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            assert self.transport is not None
            self.transport.close()

    def on_message_begin(self) -> None:
        self.url, self.headers, self.body = b"", {}, []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.lower()] = value

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        method = self.parser.get_method().decode()
        self.queue.put_nowait((method, self.url, self.headers, b"".join(self.body)))

    async def _serve(self) -> None:
        # One request at a time per connection, in order: HTTP/1.1 keep-alive without pipelining surprises.
        while (item := await self.queue.get()) is not None:
            if self.transport is None or self.transport.is_closing():
                return
            await self.server.handle(self.transport, *item)


class MockProvider:
    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.state = MockState()
        self._rng = random.Random(config.seed)
        self._server: asyncio.base_events.Server | None = None
        self.port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Connection(self), host, port, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def serve_forever(self) -> None:
        assert self._server is not None
        await self._server.serve_forever()

    # Requests

    async def handle(self, out: asyncio.Transport, method: str, url: bytes, headers: dict[bytes, bytes],
                     body: bytes) -> None:  # fmt: skip
        path = url.decode()
        if path.startswith("/__stats"):
            self._send(
                out,
                200,
                orjson.dumps({"calls": self.state.calls, "by_path": self.state.by_path, "last": self.state.last}),
            )
            return
        self.state.calls += 1
        bare_path = path.partition("?")[0]
        self.state.by_path[bare_path] = self.state.by_path.get(bare_path, 0) + 1
        self.state.last = {"method": method, "path": path,
                           "headers": {k.decode(): v.decode() for k, v in headers.items()},
                           "body": body.decode(errors="replace")}  # fmt: skip
        config = self.config
        if config.latency_ms:
            await asyncio.sleep(config.latency_ms / 1000)
        if self.state.calls <= config.fail_first or (config.error_rate and self._rng.random() < config.error_rate):
            error = {"error": {"message": "mock provider failure", "type": "server_error", "code": None}}
            self._send(out, config.error_status, orjson.dumps(error), b"Retry-After: 0\r\n")
            return
        if method == "GET":
            self._send(out, 200, orjson.dumps(self._models()))
            return
        try:
            request = orjson.loads(body) if body else {}
        except orjson.JSONDecodeError:
            self._send(out, 400, b'{"error":{"message":"invalid JSON","type":"invalid_request_error"}}')
            return
        if config.context_window and len(body) // 4 > config.context_window:
            message = {"error": {"message": "This model's maximum context length is exceeded",
                                 "type": "invalid_request_error", "code": "context_length_exceeded"}}  # fmt: skip
            self._send(out, 400, orjson.dumps(message))
            return
        if "embed" in path.lower():
            self._send(out, 200, orjson.dumps(self._embeddings(request)))
        elif config.protocol == "anthropic":
            await self._anthropic(out, request)
        elif config.protocol == "gemini":
            await self._gemini(out, request, stream="streamGenerateContent" in path)
        else:
            await self._openai(out, request)

    def _send(self, out: asyncio.Transport, status: int, body: bytes, extra: bytes = b"") -> None:
        out.write(_head(status, b"application/json", len(body), extra) + body)

    async def _stream(self, out: asyncio.Transport, events: list[bytes]) -> None:
        out.write(_head(200, b"text/event-stream", None))
        for event in events:
            out.write(b"%x\r\n%s\r\n" % (len(event), event))
            if self.config.chunk_delay_ms:
                await asyncio.sleep(self.config.chunk_delay_ms / 1000)
        out.write(b"0\r\n\r\n")

    def _words(self) -> list[str]:
        n = max(1, self.config.chunks)
        return [ANSWER_WORDS[i % len(ANSWER_WORDS)] + " " for i in range(n)]

    def _models(self) -> dict[str, Any]:
        if self.config.protocol == "gemini":
            return {"models": [{"name": f"models/{m}"} for m in self.config.models]}
        return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "mock"}
                                           for m in self.config.models]}  # fmt: skip

    def _embeddings(self, request: dict[str, Any]) -> dict[str, Any]:
        if self.config.protocol == "gemini":
            return {"embeddings": [{"values": [0.1, 0.2, 0.3]} for _ in request.get("requests", [])]}
        given = request.get("input")
        count = 1 if isinstance(given, str) else len(given or [])
        usage = {"prompt_tokens": self.config.prompt_tokens, "total_tokens": self.config.prompt_tokens}
        data = [{"object": "embedding", "index": i, "embedding": [0.1, 0.2, 0.3]} for i in range(count)]
        return {"object": "list", "data": data, "model": request.get("model"), "usage": usage}

    async def _openai(self, out: asyncio.Transport, request: dict[str, Any]) -> None:
        c = self.config
        model = request.get("model", "mock-model")
        created = int(time.time())
        usage = {"prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens,
                 "total_tokens": c.prompt_tokens + c.completion_tokens}  # fmt: skip
        tools = request.get("tools")
        call = None
        if tools and request.get("tool_choice") != "none":
            name = tools[0]["function"]["name"]
            call = {
                "id": "call_mock_1",
                "type": "function",
                "function": {"name": name, "arguments": '{"city":"Paris"}'},
            }
        if not request.get("stream"):
            message: dict[str, Any] = {"role": "assistant", "content": None if call else "".join(self._words()).strip()}
            if call:
                message["tool_calls"] = [call]
            answer = {"id": "chatcmpl-mock", "object": "chat.completion", "created": created, "model": model,
                      "choices": [{"index": 0, "message": message, "logprobs": None,
                                   "finish_reason": "tool_calls" if call else "stop"}], "usage": usage}  # fmt: skip
            self._send(out, 200, orjson.dumps(answer))
            return
        include = (request.get("stream_options") or {}).get("include_usage") is True

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            document = {
                "id": "chatcmpl-mock",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            }
            if include:
                document["usage"] = None
            return b"data: " + orjson.dumps(document) + b"\n\n"

        events = [chunk({"role": "assistant", "content": ""})]
        if call:
            events.append(chunk({"tool_calls": [{"index": 0, **call}]}))
        else:
            events += [chunk({"content": word}) for word in self._words()]
        events.append(chunk({}, "tool_calls" if call else "stop"))
        if include:
            final = {"id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": created, "model": model,
                     "choices": [], "usage": usage}  # fmt: skip
            events.append(b"data: " + orjson.dumps(final) + b"\n\n")
        events.append(b"data: [DONE]\n\n")
        await self._stream(out, events)

    async def _anthropic(self, out: asyncio.Transport, request: dict[str, Any]) -> None:
        c = self.config
        model = request.get("model", "mock-model")
        tools = request.get("tools")
        text = "".join(self._words()).strip()
        usage = {"input_tokens": c.prompt_tokens, "output_tokens": c.completion_tokens}
        if not request.get("stream"):
            content: list[dict[str, Any]] = [{"type": "text", "text": text}]
            if tools:
                content.append({"type": "tool_use", "id": "toolu_mock_1", "name": tools[0]["name"],
                                "input": {"city": "Paris"}})  # fmt: skip
            answer = {"id": "msg_mock", "type": "message", "role": "assistant", "model": model, "content": content,
                      "stop_reason": "tool_use" if tools else "end_turn", "usage": usage}  # fmt: skip
            self._send(out, 200, orjson.dumps(answer))
            return

        def event(name: str, data: dict[str, Any]) -> bytes:
            return b"event: " + name.encode() + b"\ndata: " + orjson.dumps({"type": name, **data}) + b"\n\n"

        events = [event("message_start", {"message": {"id": "msg_mock", "type": "message", "role": "assistant",
                                                      "model": model, "content": [],
                                                      "usage": {"input_tokens": c.prompt_tokens, "output_tokens": 1}}}),
                  event("content_block_start", {"index": 0,
                                                "content_block": {"type": "text", "text": ""}})]  # fmt: skip
        events += [event("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": w}})
                   for w in self._words()]  # fmt: skip
        events.append(event("content_block_stop", {"index": 0}))
        if tools:
            events += [
                event("content_block_start", {"index": 1, "content_block": {"type": "tool_use", "id": "toolu_mock_1",
                                                                            "name": tools[0]["name"], "input": {}}}),
                event("content_block_delta", {"index": 1, "delta": {"type": "input_json_delta",
                                                                    "partial_json": '{"city":'}}),
                event("content_block_delta", {"index": 1, "delta": {"type": "input_json_delta",
                                                                    "partial_json": ' "Paris"}'}}),
                event("content_block_stop", {"index": 1}),
            ]  # fmt: skip
        events += [event("message_delta", {"delta": {"stop_reason": "tool_use" if tools else "end_turn"},
                                           "usage": {"output_tokens": c.completion_tokens}}),
                   event("message_stop", {})]  # fmt: skip
        await self._stream(out, events)

    async def _gemini(self, out: asyncio.Transport, request: dict[str, Any], stream: bool) -> None:
        c = self.config
        tools = request.get("tools")
        usage = {"promptTokenCount": c.prompt_tokens, "candidatesTokenCount": c.completion_tokens,
                 "totalTokenCount": c.prompt_tokens + c.completion_tokens}  # fmt: skip
        call_part = None
        if tools:
            name = tools[0]["functionDeclarations"][0]["name"]
            call_part = {"functionCall": {"name": name, "args": {"city": "Paris"}}}
        if not stream:
            parts: list[dict[str, Any]] = [call_part] if call_part else [{"text": "".join(self._words()).strip()}]
            answer = {"candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP",
                                      "index": 0}], "usageMetadata": usage, "modelVersion": "mock-gemini",
                      "responseId": "gem_mock"}  # fmt: skip
            self._send(out, 200, orjson.dumps(answer))
            return
        events = []
        words = self._words()
        for i, word in enumerate(words):
            last = i == len(words) - 1 and not call_part
            document: dict[str, Any] = {"candidates": [{"content": {"role": "model", "parts": [{"text": word}]},
                                                        "index": 0}], "responseId": "gem_mock"}  # fmt: skip
            if last:
                document["candidates"][0]["finishReason"] = "STOP"
                document["usageMetadata"] = usage
            events.append(b"data: " + orjson.dumps(document) + b"\r\n\r\n")
        if call_part:
            document = {"candidates": [{"content": {"role": "model", "parts": [call_part]}, "finishReason": "STOP",
                                        "index": 0}], "usageMetadata": usage, "responseId": "gem_mock"}  # fmt: skip
            events.append(b"data: " + orjson.dumps(document) + b"\r\n\r\n")
        await self._stream(out, events)


async def run(config: MockConfig, host: str, port: int, on_ready: Any = None) -> None:
    provider = MockProvider(config)
    bound = await provider.start(host, port)
    if on_ready:
        on_ready(bound)
    await provider.serve_forever()
