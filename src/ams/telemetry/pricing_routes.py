"""HTTP doors of pricing: the bundled table, and an organization's overrides and custom models."""

from __future__ import annotations

from fastapi import APIRouter

from ams.auth.roles import Permission
from ams.auth.tenancy_service import default_organization
from ams.http.deps import ContextDep, CurrentPrincipal
from ams.http.permissions import requires
from ams.telemetry.pricing_service import PricingPublic, PricingPut

router = APIRouter(prefix="/api/v1/pricing", tags=["pricing"])


@router.get("")
async def read_pricing(
    principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None, model: str | None = None
) -> PricingPublic:
    """The bundled prices and your organization's overrides; `?model=` shows the price that applies to a model."""
    org_id = default_organization(principal, organization_id)
    return await context.pricing.read(principal, org_id, model)


@router.put("", **requires(Permission.ORG_MANAGE))
async def replace_pricing(
    data: PricingPut, principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None
) -> PricingPublic:
    """Replace your organization's overrides and custom models (Admin); exact names or regular expressions."""
    org_id = default_organization(principal, organization_id)
    return await context.pricing.replace(principal, org_id, data)
