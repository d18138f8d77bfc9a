"""Gateway limits of projects and API keys (an agent's live in the registry; a provider's on the provider)."""

from __future__ import annotations

from ams.auth.models import ApiKey
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.tenancy_service import visible_project
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import NotFound
from ams.gateway import schemas
from ams.gateway.directory import Directory
from ams.gateway.models import GatewayLimit
from ams.governance.audit_service import Actor, record


class LimitsService:
    def __init__(self, db: Database, directory: Directory) -> None:
        self.db, self.directory = db, directory

    async def _target(self, session: object, principal: Principal, scope: str, scope_id: str) -> tuple[str, str]:
        """(organization, project) of the project or key, if the caller can see it."""
        if scope == "project":
            project = await visible_project(session, principal, scope_id)  # type: ignore[arg-type]
            return project.organization_id, project.id
        key = await session.get(ApiKey, scope_id)  # type: ignore[attr-defined]
        if key is None or not principal.can_see(key.organization_id, key.project_id, key.agent_id):
            raise NotFound(f"API key {scope_id} not found")
        return key.organization_id, key.project_id

    async def read(self, principal: Principal, scope: str, scope_id: str) -> schemas.LimitsPublic:
        async with self.db.read() as session:
            org_id, project_id = await self._target(session, principal, scope, scope_id)
            principal.require(Permission.READ, org_id, project_id=project_id, what=scope)
            row = await session.get(GatewayLimit, (scope, scope_id))
        return schemas.LimitsPublic(scope=scope, scope_id=scope_id, limits=row.limits if row else {})

    async def replace(
        self, principal: Principal, scope: str, scope_id: str, data: schemas.ScopeLimits
    ) -> schemas.LimitsPublic:
        async with self.db.write() as session:
            org_id, project_id = await self._target(session, principal, scope, scope_id)
            principal.require(Permission.GATEWAY_MANAGE, org_id, project_id=project_id, what=scope)
            row = await session.get(GatewayLimit, (scope, scope_id))
            before = dict(row.limits) if row else {}
            if row is None:
                row = GatewayLimit(scope=scope, scope_id=scope_id, organization_id=org_id)
                session.add(row)
            row.limits, row.updated_at = data.model_dump(exclude_none=True), utcnow()
            await record(session, Actor.of(principal), organization_id=org_id, action="gateway_limits.update",
                         resource_type=scope, resource_id=scope_id, project_id=project_id,
                         summary={"before": before, "after": row.limits})  # fmt: skip
            result = schemas.LimitsPublic(scope=scope, scope_id=scope_id, limits=row.limits)
        await self.directory.announce("org", org_id)
        return result
