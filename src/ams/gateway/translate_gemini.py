"""OpenAI chat completions and embeddings ⇄ Gemini's generateContent and embeddings, streams and function calls
included. Pure."""

from __future__ import annotations

import time
from typing import Any

import orjson

from ams.gateway.translate_anthropic import openai_usage_object
from ams.gateway.usage import Usage

_FINISH = {"STOP": "stop", "MAX_TOKENS": "length", "SAFETY": "content_filter", "RECITATION": "content_filter",
           "PROHIBITED_CONTENT": "content_filter", "BLOCKLIST": "content_filter", "SPII": "content_filter"}  # fmt: skip
_MODES = {"auto": "AUTO", "required": "ANY", "none": "NONE"}


def _parts(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"text": content}] if content else []
    parts: list[dict[str, Any]] = []
    for part in content or []:
        if part.get("type") == "text":
            parts.append({"text": part.get("text", "")})
        elif part.get("type") == "image_url":
            url = (part.get("image_url") or {}).get("url", "")
            if url.startswith("data:") and ";base64," in url:
                mime, _, data = url[5:].partition(";base64,")
                parts.append({"inlineData": {"mimeType": mime, "data": data}})
            else:
                parts.append({"fileData": {"fileUri": url}})
    return parts


def _text(content: Any) -> str:
    return "".join(p.get("text", "") for p in _parts(content))


def to_gemini(request: dict[str, Any]) -> dict[str, Any]:
    """The generateContent request for an OpenAI chat request (the model goes in the URL)."""
    system: list[str] = []
    contents: list[dict[str, Any]] = []
    call_names: dict[str, str] = {}

    def add(role: str, parts: list[dict[str, Any]]) -> None:
        if contents and contents[-1]["role"] == role:
            contents[-1]["parts"].extend(parts)
        else:
            contents.append({"role": role, "parts": parts})

    for message in request.get("messages") or []:
        role = message.get("role")
        if role in ("system", "developer"):
            system.append(_text(message.get("content")))
        elif role == "user":
            add("user", _parts(message.get("content")))
        elif role == "assistant":
            parts = _parts(message.get("content"))
            for call in message.get("tool_calls") or []:
                function = call.get("function") or {}
                call_names[call.get("id", "")] = function.get("name", "")
                try:
                    args = orjson.loads(function.get("arguments") or "{}")
                except orjson.JSONDecodeError:
                    args = {"_raw": function.get("arguments")}
                parts.append({"functionCall": {"name": function.get("name"), "args": args}})
            add("model", parts)
        elif role == "tool":
            name = call_names.get(message.get("tool_call_id", ""), message.get("name") or "tool")
            text = _text(message.get("content"))
            try:
                response = orjson.loads(text)
                if not isinstance(response, dict):
                    response = {"result": response}
            except orjson.JSONDecodeError:
                response = {"result": text}
            add("user", [{"functionResponse": {"name": name, "response": response}}])
    out: dict[str, Any] = {"contents": contents}
    if system:
        out["systemInstruction"] = {"parts": [{"text": "\n\n".join(s for s in system if s)}]}
    config: dict[str, Any] = {}
    for ours, theirs in (("temperature", "temperature"), ("top_p", "topP"), ("n", "candidateCount"),
                         ("seed", "seed"), ("presence_penalty", "presencePenalty"),
                         ("frequency_penalty", "frequencyPenalty")):  # fmt: skip
        if request.get(ours) is not None:
            config[theirs] = request[ours]
    max_tokens = request.get("max_completion_tokens") or request.get("max_tokens")
    if max_tokens:
        config["maxOutputTokens"] = max_tokens
    stop = request.get("stop")
    if stop:
        config["stopSequences"] = [stop] if isinstance(stop, str) else list(stop)
    response_format = request.get("response_format") or {}
    if response_format.get("type") in ("json_object", "json_schema"):
        config["responseMimeType"] = "application/json"
    if config:
        out["generationConfig"] = config
    tools = request.get("tools")
    if tools:
        out["tools"] = [{"functionDeclarations": [
            {"name": t["function"]["name"], "description": t["function"].get("description", ""),
             **({"parameters": t["function"]["parameters"]} if t["function"].get("parameters") else {})}
            for t in tools if t.get("type") == "function"]}]  # fmt: skip
        choice = request.get("tool_choice")
        if isinstance(choice, str) and choice in _MODES:
            out["toolConfig"] = {"functionCallingConfig": {"mode": _MODES[choice]}}
        elif isinstance(choice, dict) and choice.get("type") == "function":
            name = choice["function"]["name"]
            out["toolConfig"] = {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": [name]}}
    return out


def gemini_usage(metadata: Any) -> Usage:
    if not isinstance(metadata, dict):
        return Usage()
    output = (metadata.get("candidatesTokenCount") or 0) + (metadata.get("thoughtsTokenCount") or 0)
    return Usage(int(metadata.get("promptTokenCount") or 0), int(output),
                 int(metadata.get("cachedContentTokenCount") or 0))  # fmt: skip


def _message_parts(candidate: dict[str, Any], first_call: int) -> tuple[str, list[dict[str, Any]]]:
    text: list[str] = []
    calls: list[dict[str, Any]] = []
    for part in (candidate.get("content") or {}).get("parts") or []:
        if "text" in part and not part.get("thought"):
            text.append(part["text"])
        elif "functionCall" in part:
            call = part["functionCall"]
            index = first_call + len(calls)
            calls.append({"index": index, "id": f"call_{index}", "type": "function",
                          "function": {"name": call.get("name"),
                                       "arguments": orjson.dumps(call.get("args") or {}).decode()}})  # fmt: skip
    return "".join(text), calls


def _finish(candidate: dict[str, Any], has_calls: bool) -> str | None:
    reason = candidate.get("finishReason")
    if not reason:
        return None
    return "tool_calls" if has_calls else _FINISH.get(reason, "stop")


def from_gemini(answer: dict[str, Any], alias: str) -> tuple[dict[str, Any], Usage]:
    choices = []
    for i, candidate in enumerate(answer.get("candidates") or []):
        text, calls = _message_parts(candidate, 0)
        message: dict[str, Any] = {"role": "assistant", "content": text if text or not calls else None}
        if calls:
            message["tool_calls"] = [{k: v for k, v in c.items() if k != "index"} for c in calls]
        choices.append({"index": candidate.get("index", i), "message": message, "logprobs": None,
                        "finish_reason": _finish(candidate, bool(calls)) or "stop"})  # fmt: skip
    usage = gemini_usage(answer.get("usageMetadata"))
    completion = {
        "id": answer.get("responseId") or "chatcmpl-ams",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": answer.get("modelVersion") or alias,
        "choices": choices,
        "usage": openai_usage_object(usage),
    }
    return completion, usage


class GeminiStream:
    """Turns streamGenerateContent (SSE) answers into OpenAI chat.completion.chunk documents."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.id = "chatcmpl-ams"
        self.created = int(time.time())
        self.usage = Usage()
        self._started = False
        self._calls = 0

    def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}  # fmt: skip

    def usage_chunk(self) -> dict[str, Any]:
        return {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                "choices": [], "usage": openai_usage_object(self.usage)}  # fmt: skip

    def feed(self, answer: dict[str, Any]) -> list[dict[str, Any]]:
        self.id = answer.get("responseId") or self.id
        if answer.get("usageMetadata"):
            self.usage = gemini_usage(answer["usageMetadata"])
        out: list[dict[str, Any]] = []
        if not self._started:
            self._started = True
            out.append(self._chunk({"role": "assistant", "content": ""}))
        for candidate in (answer.get("candidates") or [])[:1]:
            text, calls = _message_parts(candidate, self._calls)
            self._calls += len(calls)
            delta: dict[str, Any] = {}
            if text:
                delta["content"] = text
            if calls:
                delta["tool_calls"] = calls
            finish = _finish(candidate, self._calls > 0)
            if delta or finish:
                out.append(self._chunk(delta, finish))
        return out


def to_gemini_embeddings(request: dict[str, Any], model: str) -> dict[str, Any]:
    given = request.get("input")
    texts = [given] if isinstance(given, str) else list(given or [])
    name = model if model.startswith("models/") else f"models/{model}"
    requests = [{"model": name, "content": {"parts": [{"text": t if isinstance(t, str) else str(t)}]}} for t in texts]
    if request.get("dimensions"):
        for item in requests:
            item["outputDimensionality"] = request["dimensions"]
    return {"requests": requests}


def from_gemini_embeddings(answer: dict[str, Any], alias: str, prompt_tokens: int) -> tuple[dict[str, Any], Usage]:
    data = [{"object": "embedding", "index": i, "embedding": e.get("values", [])}
            for i, e in enumerate(answer.get("embeddings") or [])]  # fmt: skip
    # Gemini's embedding answers carry no token counts: the gateway's estimate stands in for them.
    usage = Usage(prompt_tokens, 0, 0)
    return {"object": "list", "data": data, "model": alias,
            "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens}}, usage  # fmt: skip
