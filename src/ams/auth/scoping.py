"""SQL conditions that keep a query inside what a principal may see (the tenant wall on every list)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from ams.auth.principal import Principal, PrincipalKind


def visible(
    principal: Principal,
    organization_col: Any,
    project_col: Any | None = None,
    agent_col: Any | None = None,
) -> ColumnElement[bool]:
    """A WHERE condition admitting only rows the principal may see."""
    organizations = principal.organization_ids()
    if organizations is None:
        return true()
    if not organizations:
        return false()
    condition: ColumnElement[bool] = organization_col.in_(organizations)
    if principal.kind is not PrincipalKind.USER:
        if project_col is None:
            return false() if principal.kind is PrincipalKind.AGENT_KEY else condition
        condition = condition & (project_col == principal.project_id)
        if principal.kind is PrincipalKind.AGENT_KEY:
            condition = condition & (agent_col == principal.agent_id) if agent_col is not None else false()
    return condition
