"""Each route's permission, declared beside the route (DESIGN §6's matrix).

`requires(...)` checks, before the body is read, that the caller's role grants the permission somewhere, and
publishes it in the OpenAPI document as `x-ams-permission`; the service then checks it against the resource
itself (its organization, and for an Agent Owner whether the agent is theirs). Routes that need no role say what
they need instead: `PUBLIC` (no login), `ANY_LOGIN` (any caller, about themselves), `AGENT` (an agent's or a
project's key: the gateway and the guard), `INSTALLATION_ADMIN` (the installation's administrator). A GET that
declares nothing needs `read`, which every role has. The role table test walks the document with every role.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends

from ams.auth.roles import Permission
from ams.errors import Forbidden
from ams.http.deps import CurrentPrincipal

EXTENSION = "x-ams-permission"
PUBLIC = "public"
ANY_LOGIN = "any_login"
AGENT = "agent"
INSTALLATION_ADMIN = "installation_admin"


def _document(value: str, openapi_extra: dict[str, Any] | None) -> dict[str, Any]:
    return {**(openapi_extra or {}), EXTENSION: value}


def requires(*permissions: Permission, openapi_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Route keyword arguments: refuse (403) a caller whose role grants none of `permissions` anywhere."""
    names = [p.value for p in permissions]

    async def gate(principal: CurrentPrincipal) -> None:
        if not any(principal.may_somewhere(p) for p in permissions):
            raise Forbidden(f"your role does not allow {' or '.join(names)}", required_permission=" or ".join(names))

    return {"dependencies": [Depends(gate)], "openapi_extra": _document(" | ".join(names), openapi_extra)}


def installation_admin() -> dict[str, Any]:
    """Route keyword arguments: only the installation's administrator (not an organization's Admin)."""

    async def gate(principal: CurrentPrincipal) -> None:
        if not principal.is_superuser:
            raise Forbidden("only the installation's administrator may do this")

    return {"dependencies": [Depends(gate)], "openapi_extra": _document(INSTALLATION_ADMIN, None)}


def declares(kind: str, openapi_extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Route keyword arguments for a route that needs no role: what it needs instead, for the document."""
    return {"openapi_extra": _document(kind, openapi_extra)}
