"""The gateway's doors served straight from the proxy, ahead of FastAPI and its whole middleware stack.

`AMSApp` is FastAPI with one difference: `POST /v1/chat/completions`, `POST /v1/embeddings`, `GET /v1/models` and
`POST /api/v1/guard/check` are handed to the proxy (or the guard) before Starlette builds its middleware stack,
matches ~80 routes and wraps `send` in its error and body-limit layers. Measured on this path, each layer is code
a call runs cold after the event loop has waited on the provider, which is where a gateway's added latency lives.
The proxy answers its own errors (problem+json with OpenAI's `error`); an unexpected exception is logged and
answered with AMS's usual 500 problem. The FastAPI routes of `openai_routes.py` document these doors in the
OpenAPI document.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ams.governance.guard_routes import guard_door
from ams.http.problems import ProblemBody, problem_response

log = logging.getLogger(__name__)

# Each door takes the app's context and the request.
_DOORS: dict[tuple[str, str], Callable[[Any, Request], Awaitable[Response]]] = {
    ("POST", "/v1/chat/completions"): lambda context, request: context.gateway.proxy.chat(request),
    ("POST", "/v1/embeddings"): lambda context, request: context.gateway.proxy.embeddings(request),
    ("GET", "/v1/models"): lambda context, request: context.gateway.proxy.models(request),
    ("POST", "/api/v1/guard/check"): lambda context, request: guard_door(context, request),
}


class AMSApp(FastAPI):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            door = _DOORS.get((scope["method"], scope["path"]))
            if door is not None:
                scope["app"] = self
                await _serve(door, self.state.context, scope, receive, send)
                return
        await super().__call__(scope, receive, send)


async def _serve(door: Any, context: Any, scope: Scope, receive: Receive, send: Send) -> None:
    try:
        response = await door(context, Request(scope, receive))
    except Exception:
        log.exception("unhandled error")
        response = problem_response(ProblemBody(500, "Internal error", "AMS failed to handle this request"))
    # Past this point the answer is under way; a failure mid-stream can only cut the connection (uvicorn does).
    await response(scope, receive, send)
