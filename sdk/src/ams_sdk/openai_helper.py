"""`openai_client()`: the official OpenAI client pointed at AMS's gateway with the agent's key.

The gateway meters each call (tokens, cost, the model that answered) as a span; the client sends the current
span's W3C `traceparent` so that span lands inside the agent's task. Before each call the kill switch is asked,
so a stopped agent's next LLM call raises `AgentStopped` instead of reaching the gateway. Needs `openai`
(`pip install ams-sdk[openai]`).
"""

from __future__ import annotations

import functools
from typing import Any

import httpx
from opentelemetry import trace

from ams_sdk import runtime as _runtime


def _traceparent(request: httpx.Request) -> None:
    context = trace.get_current_span().get_span_context()
    if context.is_valid and "traceparent" not in request.headers:
        request.headers["traceparent"] = f"00-{context.trace_id:032x}-{context.span_id:016x}-01"


async def _traceparent_async(request: httpx.Request) -> None:
    _traceparent(request)


def _settings(kwargs: dict[str, Any]) -> dict[str, Any]:
    rt = _runtime.current()
    if rt is None:
        raise RuntimeError("call ams_sdk.init() before ams_sdk.openai_client()")
    headers = dict(kwargs.pop("default_headers", None) or {})
    if rt.config.agent_id:
        headers.setdefault("X-AMS-Agent", rt.config.agent_id)
    return {
        "api_key": rt.config.api_key,
        "base_url": f"{rt.config.endpoint}/v1",
        "default_headers": headers,
        **kwargs,
    }


@functools.cache
def _classes() -> tuple[type, type]:
    import openai

    class GatewayOpenAI(openai.OpenAI):
        def request(self, *args: Any, **kwargs: Any) -> Any:  # every API call passes here
            rt = _runtime.current()
            if rt is not None:
                rt.killswitch.ensure_running()
            return super().request(*args, **kwargs)

    class GatewayAsyncOpenAI(openai.AsyncOpenAI):
        async def request(self, *args: Any, **kwargs: Any) -> Any:
            rt = _runtime.current()
            if rt is not None:
                rt.killswitch.ensure_running()
            return await super().request(*args, **kwargs)

    return GatewayOpenAI, GatewayAsyncOpenAI


def openai_client(**kwargs: Any) -> Any:
    """An `openai.OpenAI` whose calls go through AMS's gateway as this agent.

    Args:
        **kwargs: Passed to `openai.OpenAI` (timeout, max_retries, ...); `base_url` and `api_key` default to AMS.
    """
    sync_class, _ = _classes()
    settings = _settings(kwargs)
    settings.setdefault("http_client", httpx.Client(event_hooks={"request": [_traceparent]}))
    return sync_class(**settings)


def async_openai_client(**kwargs: Any) -> Any:
    """An `openai.AsyncOpenAI` whose calls go through AMS's gateway as this agent (see `openai_client`)."""
    _, async_class = _classes()
    settings = _settings(kwargs)
    settings.setdefault("http_client", httpx.AsyncClient(event_hooks={"request": [_traceparent_async]}))
    return async_class(**settings)
