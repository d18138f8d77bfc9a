"""OpenAI ⇄ Anthropic and OpenAI ⇄ Gemini, tool calls included, and the stream relay's usage handling."""

import orjson

from ams.gateway.directory import ProviderEntry
from ams.gateway.translate_anthropic import AnthropicStream, from_anthropic, to_anthropic
from ams.gateway.translate_gemini import GeminiStream, from_gemini, to_gemini
from ams.gateway.upstream import StreamRelay

CONVERSATION = {
    "model": "alias",
    "max_tokens": 100,
    "stop": "END",
    "messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Paris"}'}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": '{"celsius": 21}'},
    ],
    "tools": [{"type": "function", "function": {"name": "weather", "description": "Weather",
                                                 "parameters": {"type": "object"}}}],
    "tool_choice": "required",
}  # fmt: skip


def test_openai_to_anthropic():
    out = to_anthropic(CONVERSATION, "claude-x")
    assert out["system"] == "Be brief." and out["max_tokens"] == 100 and out["stop_sequences"] == ["END"]
    assert out["messages"][1] == {"role": "assistant", "content": [
        {"type": "tool_use", "id": "call_1", "name": "weather", "input": {"city": "Paris"}}]}  # fmt: skip
    assert out["messages"][2]["content"][0] == {"type": "tool_result", "tool_use_id": "call_1",
                                                "content": '{"celsius": 21}'}  # fmt: skip
    assert out["tools"][0]["input_schema"] == {"type": "object"} and out["tool_choice"] == {"type": "any"}


def test_anthropic_answer_to_openai():
    answer = {"id": "msg_1", "model": "claude-x", "stop_reason": "max_tokens",
              "content": [{"type": "text", "text": "Hi"}],
              "usage": {"input_tokens": 5, "cache_read_input_tokens": 3, "output_tokens": 2}}  # fmt: skip
    completion, usage = from_anthropic(answer, "alias")
    assert completion["choices"][0]["message"]["content"] == "Hi"
    assert completion["choices"][0]["finish_reason"] == "length"
    assert (usage.input_tokens, usage.output_tokens, usage.cached_input_tokens) == (8, 2, 3)


def test_anthropic_stream_to_chunks():
    stream = AnthropicStream("claude-x")
    events = [
        {"type": "message_start", "message": {"id": "m", "usage": {"input_tokens": 9}}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hel"}},
        {"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "t", "name": "w"}},
        {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "{}"}},
        {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 4}},
    ]
    chunks = [c for e in events for c in stream.feed(e)]
    assert chunks[1]["choices"][0]["delta"] == {"content": "Hel"}
    assert chunks[2]["choices"][0]["delta"]["tool_calls"][0]["function"]["name"] == "w"
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert stream.usage_chunk()["usage"]["total_tokens"] == 13


def test_openai_to_gemini_and_back():
    out = to_gemini(CONVERSATION)
    assert out["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert out["contents"][1] == {"role": "model", "parts": [
        {"functionCall": {"name": "weather", "args": {"city": "Paris"}}}]}  # fmt: skip
    assert out["contents"][2]["parts"][0]["functionResponse"] == {"name": "weather", "response": {"celsius": 21}}
    assert out["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert out["generationConfig"] == {"maxOutputTokens": 100, "stopSequences": ["END"]}
    answer = {"candidates": [{"content": {"parts": [{"functionCall": {"name": "weather", "args": {"c": 1}}}]},
                              "finishReason": "STOP"}],
              "usageMetadata": {"promptTokenCount": 7, "candidatesTokenCount": 3}}  # fmt: skip
    completion, usage = from_gemini(answer, "alias")
    assert completion["choices"][0]["finish_reason"] == "tool_calls"
    assert completion["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == '{"c":1}'
    assert usage.total == 10


def test_gemini_stream():
    stream = GeminiStream("g")
    first = stream.feed({"candidates": [{"content": {"parts": [{"text": "He"}]}}]})
    last = stream.feed({"candidates": [{"content": {"parts": [{"text": "llo"}]}, "finishReason": "STOP"}],
                        "usageMetadata": {"promptTokenCount": 2, "candidatesTokenCount": 2}})  # fmt: skip
    assert [c["choices"][0]["delta"] for c in first] == [{"role": "assistant", "content": ""}, {"content": "He"}]
    assert last[0]["choices"][0]["finish_reason"] == "stop" and stream.usage.total == 4


def _provider(kind: str) -> ProviderEntry:
    return ProviderEntry("p", "o", "n", kind, "http://x", None, {}, {}, {}, True)


def test_relay_keeps_usage_and_drops_the_chunk_nobody_asked_for():
    usage_chunk = {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2}}
    upstream = (b'data: {"choices":[{"delta":{"content":"a"}}],"usage":null}\n\n'
                + b"data: " + orjson.dumps(usage_chunk) + b"\n\ndata: [DONE]\n\n")  # fmt: skip
    relay = StreamRelay(_provider("openai"), "m", client_wants_usage=False)
    # Split mid-event: the relay must join the pieces before deciding.
    out = relay.feed(upstream[:20]) + relay.feed(upstream[20:]) + relay.finish()
    assert b'"usage":{' not in out and out.endswith(b"data: [DONE]\n\n")
    assert relay.usage is not None and relay.usage.total == 5
    asked = StreamRelay(_provider("openai"), "m", client_wants_usage=True)
    assert b'"completion_tokens":2' in asked.feed(upstream) + asked.finish()
