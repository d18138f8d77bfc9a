"""HTTP doors of the guard, approvals and the emergency stop.

`POST /api/v1/guard/check` is on agents' hot path: in a running AMS it is answered by `guard_door`, ahead of
FastAPI's routing (as the gateway's doors are); the route below documents it and serves it if the middleware is
absent.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response as StarletteResponse

from ams.auth.login_service import authenticate
from ams.auth.roles import Permission
from ams.context import AppContext
from ams.errors import AMSError, InvalidInput, ProblemBody, Unauthenticated
from ams.governance import estop_service
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, Limit
from ams.http.pagination import Page
from ams.http.permissions import AGENT, declares, requires
from ams.http.problems import PROBLEM_MEDIA_TYPE

router = APIRouter(prefix="/api/v1", tags=["governance"])
JSON = "application/json"

_GUARD_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["action"],
                    "properties": {
                        "action": {"type": "string", "description": "The action's name, e.g. github.merge_pr."},
                        "arguments": {"type": "object", "description": "Its arguments, matched by argument patterns."},
                        "estimated_cost": {"type": "number", "description": "USD it will spend, for spend caps."},
                        "agent": {"type": "string", "description": "With a project key: the agent (id or name)."},
                        "trace_id": {
                            "type": "string",
                            "description": "The task's trace (32 hex): the decision is recorded in it as a guard span.",
                        },
                        "span_id": {"type": "string", "description": "The span the action runs under (16 hex)."},
                    },
                },
                "example": {"action": "github.merge_pr", "arguments": {"repo": "acme/api"}, "estimated_cost": 0.0},
            }
        },
    },
    "responses": {
        "200": {"description": "`{decision: allow|deny|require_approval, reasons, warnings, approval}`"},
        "403": {"description": "The agent is not active, or an emergency stop covers it (problem+json)."},
    },
}


def _problem(exc: AMSError) -> StarletteResponse:
    body = ProblemBody(exc.status, exc.title, exc.detail, errors=exc.errors, extra=exc.extra).to_dict()
    return StarletteResponse(orjson.dumps(body), status_code=exc.status, media_type=PROBLEM_MEDIA_TYPE)


async def guard_door(context: AppContext, request: Request) -> StarletteResponse:
    """The guard answered with nothing but the cached key, memory and the shared state on the way."""
    try:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("send Authorization: Bearer <agent key or project key>")
        principal = await authenticate(context.db, context.key_cache, token.strip())
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(f"the body is not valid JSON: {exc}") from None
        if not isinstance(body, dict):
            raise InvalidInput("the body must be a JSON object")
        answer = await context.governance.guard.check(principal, body)
    except AMSError as exc:
        return _problem(exc)
    return StarletteResponse(orjson.dumps(answer), media_type=JSON)


@router.post("/guard/check", response_class=Response, summary="Ask before an action", **declares(AGENT, _GUARD_DOC))
async def guard_check(request: Request) -> StarletteResponse:
    """Allow, deny or require approval for an action the agent is about to take, with the reasons."""
    return await guard_door(request.app.state.context, request)


# Approvals

Status = Annotated[
    list[Literal["pending", "approved", "denied", "expired"]] | None, Query(description="Statuses (any of).")
]


@router.get("/approvals")
async def list_approvals(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    status: Status = None,
    agent_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[dict[str, Any]]:
    """Actions waiting for (or answered by) a human, newest first."""
    items, next_cursor = await context.governance.approvals.list(
        principal, status=list(status or []), agent_id=agent_id, organization_id=organization_id, cursor=cursor,
        limit=limit,
    )  # fmt: skip
    return Page(items=items, next_cursor=next_cursor)


@router.get("/approvals/{approval_id}")
async def read_approval(
    approval_id: str,
    principal: CurrentPrincipal,
    context: ContextDep,
    wait: Annotated[
        float, Query(ge=0, le=60, description="Hold the answer up to this many seconds until decided.")
    ] = 0,
) -> dict[str, Any]:
    """One approval; with `?wait=`, answered as soon as someone decides (the SDK waits this way)."""
    return await context.governance.approvals.read(principal, approval_id, wait)


class ApprovalAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: str = Field("", max_length=2000)


@router.post("/approvals/{approval_id}/approve", **requires(Permission.APPROVALS_DECIDE))
async def approve(
    approval_id: str, principal: CurrentPrincipal, context: ContextDep, data: ApprovalAnswer | None = None
) -> dict[str, Any]:
    """Let the action run (Operator, the agent's Owner, or Admin)."""
    return await context.governance.approvals.decide(principal, approval_id, True, data.comment if data else "")


@router.post("/approvals/{approval_id}/deny", **requires(Permission.APPROVALS_DECIDE))
async def deny(
    approval_id: str, principal: CurrentPrincipal, context: ContextDep, data: ApprovalAnswer | None = None
) -> dict[str, Any]:
    """Refuse the action (Operator, the agent's Owner, or Admin)."""
    return await context.governance.approvals.decide(principal, approval_id, False, data.comment if data else "")


# The emergency stop


@router.post("/emergency-stop", status_code=201, **requires(Permission.EMERGENCY_STOP))
async def engage_stop(
    data: estop_service.StopRequest, principal: CurrentPrincipal, context: ContextDep
) -> dict[str, Any]:
    """Stop the fleet, a project, an agent or a tag now: every gateway call and guard check in scope is refused,
    on every instance, until released (Operator or Admin)."""
    return await estop_service.engage(context.db, principal, data)


@router.post("/emergency-stop/release", **requires(Permission.EMERGENCY_STOP))
async def release_stop(
    data: estop_service.ReleaseRequest, principal: CurrentPrincipal, context: ContextDep
) -> list[dict[str, Any]]:
    """Release a stop (by id), or every stop of a scope (Operator or Admin)."""
    return await estop_service.release(context.db, principal, data)


@router.get("/emergency-stop")
async def list_stops(
    principal: CurrentPrincipal,
    context: ContextDep,
    active: bool = True,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    """The stops in force (or, with `active=false`, the history too), newest first."""
    return await estop_service.list_stops(context.db, principal, active, limit)
