"""The gateway's doors served straight from the proxy, ahead of FastAPI's routing and per-route machinery.

A pure ASGI middleware: for `POST /v1/chat/completions`, `POST /v1/embeddings` and `GET /v1/models` it hands the
request to the proxy, and `POST /api/v1/guard/check` to the guard, and sends their response; everything else goes
on to FastAPI. The proxy answers its own
errors (problem+json with OpenAI's `error`), and an unexpected exception still reaches AMS's 500 handler. The
FastAPI routes of `openai_routes.py` document these doors in the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ams.governance.guard_routes import guard_door

# Each door takes the app's context and the request.
_DOORS: dict[tuple[str, str], Callable[[Any, Request], Awaitable[Response]]] = {
    ("POST", "/v1/chat/completions"): lambda context, request: context.gateway.proxy.chat(request),
    ("POST", "/v1/embeddings"): lambda context, request: context.gateway.proxy.embeddings(request),
    ("GET", "/v1/models"): lambda context, request: context.gateway.proxy.models(request),
    ("POST", "/api/v1/guard/check"): lambda context, request: guard_door(context, request),
}


class GatewayDoors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            door = _DOORS.get((scope["method"], scope["path"]))
            if door is not None:
                response = await door(scope["app"].state.context, Request(scope, receive))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
