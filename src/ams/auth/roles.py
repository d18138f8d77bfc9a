"""Roles and the permission matrix of DESIGN §6. Pure: no I/O."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    OPERATOR = "operator"
    AGENT_OWNER = "agent_owner"
    ADMIN = "admin"


class Permission(StrEnum):
    READ = "read"
    AGENT_CREATE = "agent.create"
    AGENT_EDIT = "agent.edit"
    AGENT_DELETE = "agent.delete"
    AGENT_LIFECYCLE = "agent.lifecycle"
    AGENT_CREDENTIALS = "agent.credentials"
    AGENT_KEYS = "agent.keys"
    PROJECT_KEYS = "project.keys"
    PROJECT_MANAGE = "project.manage"
    USER_MANAGE = "user.manage"
    ORG_MANAGE = "org.manage"
    TELEMETRY_WRITE = "telemetry.write"
    GATEWAY_MANAGE = "gateway.manage"  # providers, routes and gateway limits
    ALERTS_RESPOND = "alerts.respond"  # acknowledge and resolve alerts
    ALERTS_MANAGE = "alerts.manage"  # alert rules and channels
    POLICY_MANAGE = "policy.manage"  # governance policies
    APPROVALS_DECIDE = "approvals.decide"  # approve or deny an agent's action
    EMERGENCY_STOP = "emergency.stop"  # engage and release emergency stops


_READ = frozenset({Permission.READ})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: _READ,
    Role.OPERATOR: _READ
    | {Permission.AGENT_LIFECYCLE, Permission.ALERTS_RESPOND, Permission.APPROVALS_DECIDE, Permission.EMERGENCY_STOP},
    Role.AGENT_OWNER: _READ
    | {
        Permission.AGENT_CREATE,
        Permission.AGENT_EDIT,
        Permission.AGENT_DELETE,
        Permission.AGENT_LIFECYCLE,
        Permission.AGENT_CREDENTIALS,
        Permission.AGENT_KEYS,
        Permission.TELEMETRY_WRITE,
        Permission.ALERTS_RESPOND,
        Permission.APPROVALS_DECIDE,
    },
    Role.ADMIN: frozenset(Permission),
}

# What an Agent Owner may do only to the agents they own; other roles that hold these hold them fleet-wide.
OWNER_SCOPED = frozenset(
    {
        Permission.AGENT_EDIT,
        Permission.AGENT_DELETE,
        Permission.AGENT_LIFECYCLE,
        Permission.AGENT_CREDENTIALS,
        Permission.AGENT_KEYS,
        Permission.APPROVALS_DECIDE,
    }
)


def role_allows(role: Role, permission: Permission, *, is_owner: bool) -> bool:
    if permission not in ROLE_PERMISSIONS[role]:
        return False
    if role is Role.AGENT_OWNER and permission in OWNER_SCOPED:
        return is_owner
    return True


def grantable_roles(role: Role) -> frozenset[Role]:
    """Roles a principal holding `role` may hand to an API key: never more than its own."""
    if role is Role.ADMIN:
        return frozenset(Role)
    return frozenset({Role.VIEWER, role})
