"""HTTP doors of the agent registry. `{agent}` is an agent's id, or its name (add ?project_id= when the name
is in several projects)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from ams.agents import (
    bulk_service,
    credentials_service,
    lifecycle_service,
    schemas,
    service,
    versions_service,
)
from ams.agents.lifecycle import Health, LifecycleAction, LifecycleState
from ams.agents.platforms import DESCRIPTIONS, Platform, configuration_schema
from ams.agents.templates import TEMPLATES
from ams.auth.roles import Permission
from ams.errors import InvalidInput
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, DbDep, Limit
from ams.http.pagination import Page
from ams.http.permissions import requires
from ams.vault.schemas import CredentialPublic, CredentialPut

router = APIRouter(prefix="/api/v1", tags=["agents"])

ProjectHint = Annotated[str | None, Query(description="Disambiguates an agent name used in several projects.")]


def _choices(values: list[str] | None, allowed: type[StrEnum], field: str) -> list[str]:
    """Repeated or comma-separated values, each checked against `allowed`, naming the field when one is not."""
    chosen = _split(values)
    for value in chosen:
        if value not in allowed.__members__.values():
            options = ", ".join(member.value for member in allowed)  # type: ignore[attr-defined]
            raise InvalidInput.on(field, f"{value!r} is not one of {options}")
    return chosen


def _split(values: list[str] | None) -> list[str]:
    """Repeated parameters and comma-separated ones alike: ?state=active&state=paused or ?state=active,paused."""
    return [v for value in values or [] for v in value.split(",") if v]


@router.get("/agents")
async def list_agents(
    principal: CurrentPrincipal,
    db: DbDep,
    project_id: str | None = None,
    organization_id: str | None = None,
    state: Annotated[list[str] | None, Query(description="Lifecycle states (any of); repeat or use commas.")] = None,
    health: Annotated[list[str] | None, Query(description="Health values (any of).")] = None,
    platform: Annotated[list[str] | None, Query(description="Platforms (any of).")] = None,
    tag: Annotated[list[str] | None, Query(description="Tags (all of); repeat or separate with commas.")] = None,
    capability: Annotated[list[str] | None, Query(description="Capabilities (all of).")] = None,
    owner: Annotated[str | None, Query(description="An owner's user id, or `me`.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the name or description.")] = None,
    sort: Annotated[
        str | None,
        Query(
            description="name, created_at, updated_at, state_changed_at, "
            "lifecycle_state, health or platform; prefix - for descending."
        ),
    ] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.AgentPublic]:
    """List agents you can see, filtered, sorted and paginated."""
    return await service.list_agents(
        db,
        principal,
        sort=sort,
        cursor=cursor,
        limit=limit,
        project_id=project_id,
        organization_id=organization_id,
        state=_choices(state, LifecycleState, "state"),
        health=_choices(health, Health, "health"),
        platform=_choices(platform, Platform, "platform"),
        tag=_split(tag),
        capability=_split(capability),
        owner=owner,
        q=q,
    )


@router.post("/agents", status_code=201, **requires(Permission.AGENT_CREATE))
async def create_agent(data: schemas.AgentCreate, principal: CurrentPrincipal, db: DbDep) -> schemas.AgentPublic:
    """Register an agent (state `registered`); its configuration is checked against its platform's schema."""
    return await service.create_agent(db, principal, data)


@router.post("/agents/bulk", **requires(Permission.AGENT_LIFECYCLE, Permission.AGENT_EDIT, Permission.AGENT_DELETE))
async def bulk(data: schemas.BulkRequest, principal: CurrentPrincipal, context: ContextDep) -> schemas.BulkResult:
    """Apply one operation to many agents; the answer has a result for each id."""
    return await bulk_service.run_bulk(context.db, principal, data)


@router.post("/agents/from-template", status_code=201, **requires(Permission.AGENT_CREATE))
async def create_from_template(
    data: schemas.AgentFromTemplate, principal: CurrentPrincipal, db: DbDep
) -> schemas.AgentPublic:
    """Register an agent from a bundled template, with your configuration merged over the template's."""
    return await service.create_from_template(db, principal, data)


@router.get("/agent-templates")
async def list_templates(principal: CurrentPrincipal) -> list[schemas.TemplatePublic]:
    """The bundled agent templates."""
    return [schemas.TemplatePublic.model_validate(t, from_attributes=True) for t in TEMPLATES]


@router.get("/agent-platforms")
async def list_platforms(principal: CurrentPrincipal) -> list[schemas.PlatformPublic]:
    """Each platform with the JSON Schema its agents' configuration must satisfy."""
    return [
        schemas.PlatformPublic(platform=p, description=DESCRIPTIONS[p], configuration_schema=configuration_schema(p))
        for p in Platform
    ]


@router.get("/agents/{agent}")
async def read_agent(
    agent: str, principal: CurrentPrincipal, db: DbDep, project_id: ProjectHint = None
) -> schemas.AgentPublic:
    """One agent."""
    return await service.read_agent(db, principal, agent, project_id)


@router.get("/agents/{agent}/status")
async def read_status(
    agent: str, principal: CurrentPrincipal, context: ContextDep, project_id: ProjectHint = None
) -> schemas.AgentStatus:
    """An agent's lifecycle state, health, activity and any emergency stop covering it: the light read agents
    (the SDK's kill switch) and dashboards poll."""
    status = await lifecycle_service.read_status(context.db, principal, agent, project_id)
    stop = await context.governance.state.stop_covering(status.id)
    status.emergency_stop = stop.as_dict() if stop else None
    status.may_run = status.lifecycle_state == "active" and stop is None
    return status


@router.patch("/agents/{agent}", **requires(Permission.AGENT_EDIT))
async def update_agent(
    agent: str,
    data: schemas.AgentUpdate,
    principal: CurrentPrincipal,
    context: ContextDep,
    project_id: ProjectHint = None,
) -> schemas.AgentPublic:
    """Change an agent's description, configuration, labels, limits or owner (Agent Owner of it, or Admin)."""
    return await service.update_agent(context.db, principal, agent, data, project_id)


@router.delete("/agents/{agent}", status_code=204, **requires(Permission.AGENT_DELETE))
async def delete_agent(agent: str, principal: CurrentPrincipal, db: DbDep, project_id: ProjectHint = None) -> Response:
    """Delete an agent that is not active, with its versions, keys and credentials."""
    await service.delete_agent(db, principal, agent, project_id)
    return Response(status_code=204)


@router.post("/agents/{agent}/clone", status_code=201, **requires(Permission.AGENT_CREATE))
async def clone_agent(
    agent: str,
    data: schemas.AgentClone,
    principal: CurrentPrincipal,
    db: DbDep,
    project_id: ProjectHint = None,
) -> schemas.AgentPublic:
    """Copy an agent's definition under a new name (credentials and versions stay with the original)."""
    return await service.clone_agent(db, principal, agent, data, project_id)


@router.get("/agents/{agent}/versions")
async def list_versions(
    agent: str,
    principal: CurrentPrincipal,
    db: DbDep,
    project_id: ProjectHint = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.VersionPublic]:
    """An agent's versions, newest first."""
    return await versions_service.list_versions(db, principal, agent, project_id, cursor, limit)


@router.post("/agents/{agent}/versions", status_code=201, **requires(Permission.AGENT_EDIT))
async def create_version(
    agent: str,
    data: schemas.VersionCreate,
    principal: CurrentPrincipal,
    db: DbDep,
    project_id: ProjectHint = None,
) -> schemas.VersionPublic:
    """Snapshot a new immutable version; a version number is never reused."""
    return await versions_service.create_version(db, principal, agent, data, project_id)


@router.get("/agents/{agent}/versions/{version}")
async def read_version(
    agent: str, version: str, principal: CurrentPrincipal, db: DbDep, project_id: ProjectHint = None
) -> schemas.VersionPublic:
    """One version, by id or number."""
    return await versions_service.read_version(db, principal, agent, version, project_id)


@router.get("/agents/{agent}/credentials", tags=["credentials"])
async def list_credentials(
    agent: str, principal: CurrentPrincipal, db: DbDep, project_id: ProjectHint = None
) -> list[CredentialPublic]:
    """An agent's credentials: names, types and dates; never the secrets."""
    return await credentials_service.list_credentials(db, principal, agent, project_id)


@router.put("/agents/{agent}/credentials/{name}", tags=["credentials"], **requires(Permission.AGENT_CREDENTIALS))
async def put_credential(
    agent: str,
    name: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,100}$", description="Letters, digits, _ . -")],
    data: CredentialPut,
    principal: CurrentPrincipal,
    context: ContextDep,
    project_id: ProjectHint = None,
) -> CredentialPublic:
    """Store (or replace) a named secret, encrypted at rest; it is never returned."""
    return await credentials_service.put_credential(
        context.db, context.cipher, principal, agent, name, data, project_id
    )


@router.delete(
    "/agents/{agent}/credentials/{name}",
    status_code=204,
    tags=["credentials"],
    **requires(Permission.AGENT_CREDENTIALS),
)
async def delete_credential(
    agent: str, name: str, principal: CurrentPrincipal, db: DbDep, project_id: ProjectHint = None
) -> Response:
    """Delete a named secret."""
    await credentials_service.delete_credential(db, principal, agent, name, project_id)
    return Response(status_code=204)


_ACTION_DOCS = {
    LifecycleAction.PROVISION: "Start provisioning a registered agent.",
    LifecycleAction.DEPLOY: "Put an agent in service (active), optionally at a given version.",
    LifecycleAction.PAUSE: "Stop an active agent from taking work; resume brings it back.",
    LifecycleAction.RESUME: "Return a paused, maintained or reviewed quarantined agent to active.",
    LifecycleAction.MAINTENANCE: "Take an active agent out of service for maintenance.",
    LifecycleAction.QUARANTINE: "Isolate an agent: it is refused everything until reviewed.",
    LifecycleAction.RETIRE: "Decommission an agent for good; its keys are revoked.",
}


def _lifecycle_route(action: LifecycleAction) -> None:
    async def move(
        agent: str,
        principal: CurrentPrincipal,
        context: ContextDep,
        data: schemas.LifecycleRequest | None = None,
        project_id: ProjectHint = None,
    ) -> schemas.AgentPublic:
        # The gateway's cache hears of the move from the commit (`Directory.forget_changed`), on every instance.
        return await lifecycle_service.transition(
            context.db, principal, agent, action, data or schemas.LifecycleRequest(), project_id
        )

    router.add_api_route(
        f"/agents/{{agent}}/{action.value}",
        move,
        methods=["POST"],
        name=f"{action.value}_agent",
        summary=f"{action.value.capitalize()} an agent",
        description=_ACTION_DOCS[action] + " Refused with 409, "
        "naming the current state and the allowed moves, when the state machine does not allow it.",
        tags=["lifecycle"],
        **requires(Permission.AGENT_LIFECYCLE),
    )


for _action in LifecycleAction:
    _lifecycle_route(_action)
