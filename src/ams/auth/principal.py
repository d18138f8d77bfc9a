"""Who is calling, and what they may see and do. Pure: built by the authenticator, consulted by services.

Visibility comes before permission: a resource the caller cannot see is reported as missing (404), never as
forbidden (403), so that ids of other tenants reveal nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from ams.auth.roles import ROLE_PERMISSIONS, Permission, Role, role_allows
from ams.errors import Forbidden, NotFound


class AgentLike(Protocol):
    """What permission checks need of an agent."""

    organization_id: str
    project_id: str
    owner_id: str | None


class PrincipalKind(StrEnum):
    USER = "user"
    PROJECT_KEY = "project_key"
    AGENT_KEY = "agent_key"


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: str  # the user's id, or the API key's id
    label: str  # what the audit trail shows: an email or "key:<prefix>"
    user_id: str | None = None
    is_superuser: bool = False
    memberships: dict[str, Role] = field(default_factory=dict)  # organization id -> role (users)
    organization_id: str | None = None  # keys
    project_id: str | None = None  # keys
    agent_id: str | None = None  # agent keys
    key_role: Role | None = None  # project keys

    @property
    def is_user(self) -> bool:
        return self.kind is PrincipalKind.USER

    def organization_ids(self) -> list[str] | None:
        """Organizations this principal may see; None means all of them (the installation's administrator)."""
        if self.is_user:
            return None if self.is_superuser else list(self.memberships)
        return [self.organization_id] if self.organization_id else []

    def role_in(self, organization_id: str) -> Role | None:
        if self.is_user:
            if self.is_superuser:
                return Role.ADMIN
            return self.memberships.get(organization_id)
        if organization_id != self.organization_id:
            return None
        return self.key_role if self.kind is PrincipalKind.PROJECT_KEY else Role.VIEWER

    def can_see(self, organization_id: str, project_id: str | None = None, agent_id: str | None = None) -> bool:
        if self.role_in(organization_id) is None:
            return False
        if self.kind is PrincipalKind.PROJECT_KEY:
            return project_id is None or project_id == self.project_id
        if self.kind is PrincipalKind.AGENT_KEY:
            return project_id == self.project_id and (agent_id is None or agent_id == self.agent_id)
        return True

    def allows(self, permission: Permission, organization_id: str, *, owner_id: str | None = None) -> bool:
        role = self.role_in(organization_id)
        if role is None:
            return False
        if self.kind is PrincipalKind.AGENT_KEY:
            return permission in (Permission.READ, Permission.TELEMETRY_WRITE)
        return role_allows(role, permission, is_owner=owner_id is not None and owner_id == self.user_id)

    def may_somewhere(self, permission: Permission) -> bool:
        """Whether any role this principal holds grants `permission` (the gate before a resource is read)."""
        if self.kind is PrincipalKind.AGENT_KEY:
            return permission in (Permission.READ, Permission.TELEMETRY_WRITE)
        if self.is_superuser:
            return True
        roles = list(self.memberships.values()) if self.is_user else [self.key_role] if self.key_role else []
        return any(permission in ROLE_PERMISSIONS[role] for role in roles)

    def require(
        self,
        permission: Permission,
        organization_id: str,
        *,
        project_id: str | None = None,
        agent_id: str | None = None,
        owner_id: str | None = None,
        what: str = "resource",
    ) -> None:
        """Raise NotFound when the resource is invisible to this principal, Forbidden when it may not act."""
        if not self.can_see(organization_id, project_id, agent_id):
            raise NotFound(f"{what} not found")
        if not self.allows(permission, organization_id, owner_id=owner_id):
            role = self.role_in(organization_id)
            raise Forbidden(
                f"your role ({role}) does not allow {permission.value}"
                + (" on agents you do not own" if role is Role.AGENT_OWNER and owner_id else ""),
                required_permission=permission.value,
            )

    def require_on_agent(self, permission: Permission, agent: AgentLike) -> None:
        """`require` for an agent: its tenant, its project, and whether the caller owns it."""
        self.require(
            permission, agent.organization_id, project_id=agent.project_id, owner_id=agent.owner_id, what="agent"
        )
