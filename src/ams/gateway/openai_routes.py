"""The OpenAI-compatible doors: /v1/chat/completions, /v1/embeddings, /v1/models.

In a running AMS these paths are answered by `asgi.AMSApp` before FastAPI's middleware and routing (measured:
~0.2 ms less CPU per call); these routes describe them in the OpenAPI document and serve them in an app built
without `AMSApp`. Each takes only the raw request, so FastAPI validates nothing and builds no model.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ams.context import AppContext
from ams.http.permissions import AGENT, declares

router = APIRouter(tags=["gateway"])

_AUTH = {
    "parameters": [
        {
            "name": "X-AMS-Agent",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "With a project key: the agent (id or name) making the call. Agent keys need none.",
        }
    ]
}


def _body(description: str, example: dict[str, Any]) -> dict[str, Any]:
    return {
        **_AUTH,
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"type": "object"}, "example": example}},
        },
        "responses": {
            "200": {"description": "OpenAI's answer shape (or an SSE stream with `stream: true`)."},
            "4XX": {"description": "application/problem+json, with OpenAI's `error` object inside."},
        },
    }


def _proxy(request: Request) -> Any:
    context: AppContext = request.app.state.context
    return context.gateway.proxy


@router.post(
    "/v1/chat/completions",
    response_class=Response,
    summary="Chat completion through the gateway",
    **declares(
        AGENT,
        _body(
            "An OpenAI chat completion request. `model` is a route alias, `provider/model`, or a provider's model.",
            {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}], "stream": False},
        ),
    ),
)
async def chat_completions(request: Request) -> Response:
    """Route an OpenAI chat completion (streamed or not; tools pass through) to a provider, metered as a span."""
    return await _proxy(request).chat(request)  # type: ignore[no-any-return]


@router.post(
    "/v1/embeddings",
    response_class=Response,
    summary="Embeddings through the gateway",
    **declares(AGENT, _body("An OpenAI embeddings request.", {"model": "text-embedding-3-small", "input": ["Hello"]})),
)
async def embeddings(request: Request) -> Response:
    """Route an OpenAI embeddings request through the same routing, limits and metering."""
    return await _proxy(request).embeddings(request)  # type: ignore[no-any-return]


@router.get("/v1/models", response_class=Response, summary="Models this key may use", **declares(AGENT, _AUTH))
async def models(request: Request) -> Response:
    """The route aliases and `provider/model` names this key's organization serves."""
    return await _proxy(request).models(request)  # type: ignore[no-any-return]
