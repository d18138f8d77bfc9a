"""the built-in "daily_spend" rule watches spend caps (budget_used) instead of a fixed $50 of fleet spend

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:40:00

Only rules still as shipped are moved: a threshold an organization tuned stays a spend rule it chose.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AS_SHIPPED = "builtin = 'daily_spend' AND metric = 'spend_usd' AND threshold = 50"


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE alert_rules SET metric = 'budget_used', threshold = 0.99, interval_s = 60, "
            "name = 'Spend over budget', description = :description WHERE " + _AS_SHIPPED
        ).bindparams(
            description="A spend cap's spend in its current period (the day, for a daily budget) reaching its amount."
        )
    )


def downgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE alert_rules SET metric = 'spend_usd', threshold = 50, interval_s = 300, "
            "name = 'Daily spend over budget', description = :description "
            "WHERE builtin = 'daily_spend' AND metric = 'budget_used' AND threshold = 0.99"
        ).bindparams(description="The fleet's spend over the last 24 hours above its budget.")
    )
