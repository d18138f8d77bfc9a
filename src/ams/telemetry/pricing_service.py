"""Each organization's price book: the bundled table plus its overrides, cached for the ingest path."""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.governance.audit_service import Actor, record
from ams.telemetry.ingest_service import Pricer
from ams.telemetry.models import PricingOverrides
from ams.telemetry.pricing import PriceBook, price_columns
from ams.telemetry.pricing_table import load_bundled_table, model_price_to_dict, validate_overrides

CACHE_TTL_S = 30.0


class PricingPut(BaseModel):
    prices: list[dict[str, Any]] = Field(
        description="Your model prices (USD per million tokens): {provider, model, input_per_mtok, "
        "cached_input_per_mtok, output_per_mtok, match: exact|regex, pattern}. They win over the bundled table."
    )


class PricingPublic(BaseModel):
    organization_id: str
    bundled_as_of: str
    overrides: list[dict[str, Any]]
    bundled: list[dict[str, Any]]
    lookup: dict[str, Any] | None = Field(None, description="The price that applies to ?model=, if asked.")


class PricingService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._books: dict[str, tuple[float, PriceBook]] = {}

    async def book(self, organization_id: str) -> PriceBook:
        cached = self._books.get(organization_id)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        async with self.db.read() as session:
            row = await session.get(PricingOverrides, organization_id)
        book = PriceBook(validate_overrides(row.prices) if row else ())
        self._books[organization_id] = (time.monotonic() + CACHE_TTL_S, book)
        return book

    async def pricer(self, organization_id: str) -> Pricer:
        book = await self.book(organization_id)
        return lambda *columns: price_columns(book, *columns)

    async def read(self, principal: Principal, organization_id: str, model: str | None) -> PricingPublic:
        principal.require(Permission.READ, organization_id, what="organization")
        book = await self.book(organization_id)
        found = book.lookup(model) if model else None
        table = load_bundled_table()
        return PricingPublic(
            organization_id=organization_id,
            bundled_as_of=table.as_of,
            overrides=[model_price_to_dict(p) for p in book.overrides],
            bundled=[model_price_to_dict(p) for p in table.prices],
            lookup=model_price_to_dict(found) if found else None,
        )

    async def replace(self, principal: Principal, organization_id: str, data: PricingPut) -> PricingPublic:
        principal.require(Permission.ORG_MANAGE, organization_id, what="organization")
        prices = [model_price_to_dict(p) for p in validate_overrides(data.prices)]
        async with self.db.write() as session:
            row = await session.get(PricingOverrides, organization_id)
            before = row.prices if row else []
            if row is None:
                row = PricingOverrides(organization_id=organization_id)
                session.add(row)
            row.prices, row.updated_at, row.updated_by = prices, utcnow(), principal.id
            await record(
                session,
                Actor.of(principal),
                organization_id=organization_id,
                action="pricing.update",
                resource_type="pricing",
                resource_id=organization_id,
                summary={
                    "before": {"models": [p["model"] for p in before]},
                    "after": {"models": [p["model"] for p in prices]},
                },
            )
        self._books.pop(organization_id, None)
        return await self.read(principal, organization_id, None)
