"""DESIGN §6's matrix on every route: the OpenAPI document is walked, and every operation is called with a
member of each role. A role the matrix denies gets 403 naming the permission; a role it allows is never 403
(its request may still be a 404 or a 422: the ids and bodies here are placeholders)."""

from __future__ import annotations

from typing import Any

import pytest

from ams.auth.roles import ROLE_PERMISSIONS, Permission, Role
from ams.http.permissions import AGENT, ANY_LOGIN, EXTENSION, INSTALLATION_ADMIN, PUBLIC

METHODS = ("get", "post", "put", "patch", "delete")
ROLES = [Role.VIEWER, Role.OPERATOR, Role.AGENT_OWNER, Role.ADMIN]
# Streams answer 200 and keep the connection open: their permission (read) is checked by test_telemetry_live.
ENDLESS = {("get", "/api/v1/stream")}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    found = []
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None or (method, path) in ENDLESS:
                continue
            declared = operation.get(EXTENSION)
            if declared is None and method == "get":
                declared = Permission.READ.value
            found.append((method, path, declared))
    # Last: logging out ends the session the walk runs on.
    return sorted(found, key=lambda op: op[1] == "/api/v1/auth/logout")


def _expected_allowed(role: Role, declared: str) -> bool:
    if declared in (PUBLIC, ANY_LOGIN):
        return True
    if declared in (AGENT, INSTALLATION_ADMIN):
        return False  # no member of an organization is either
    return any(Permission(p) in ROLE_PERMISSIONS[role] for p in declared.split(" | "))


async def test_every_mutating_route_declares_its_permission(client):
    document = (await client.get("/openapi.json")).json()
    undeclared = [f"{m.upper()} {p}" for m, p, declared in _operations(document) if declared is None]
    assert undeclared == []


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
async def test_every_route_holds_the_matrix_for_each_role(tenant, role):
    headers = tenant.admin if role is Role.ADMIN else (await tenant.user(role.value))[1]
    document = (await tenant.client.get("/openapi.json")).json()
    wrong = []
    for method, path, declared in _operations(document):
        url = path.replace("{", "placeholder-").replace("}", "")
        response = await tenant.client.request(method, url, json={} if method != "get" else None, headers=headers)
        allowed = _expected_allowed(role, declared)
        refused = response.status_code in (401, 403)
        if response.status_code >= 500 or allowed == refused:
            wrong.append(f"{method.upper()} {path} [{declared}]: {response.status_code} {response.text[:160]}")
        elif not allowed and declared not in (AGENT, INSTALLATION_ADMIN):
            problem = response.json()
            if problem.get("required_permission") != declared.replace(" | ", " or "):
                wrong.append(f"{method.upper()} {path}: the refusal does not name {declared}: {problem}")
    assert wrong == [], "\n".join(wrong)
