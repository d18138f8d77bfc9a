"""Migrations build exactly the schema the models describe, on every backend."""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from ams.alerts.models import AlertRule
from ams.auth.models import Organization
from ams.db.engine import alembic_config, upgrade_schema
from tests.conftest import fresh_postgres_database


def test_migrations_match_models_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'ams.db'}"
    upgrade_schema(url)
    upgrade_schema(url)  # a second run is a no-op
    command.check(alembic_config(url))


def test_migrations_match_models_on_postgres():
    with fresh_postgres_database() as url:
        upgrade_schema(url)
        command.check(alembic_config(url))


def test_the_shipped_daily_spend_rule_moves_to_budgets_and_a_tuned_one_stays(tmp_path):
    url = f"sqlite:///{tmp_path / 'ams.db'}"
    command.upgrade(alembic_config(url), "0006")
    engine = sa.create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for org, threshold in (("org_shipped", 50.0), ("org_tuned", 120.0)):
            conn.execute(Organization.__table__.insert().values(id=org, name=org, slug=org, created_at=now))
            conn.execute(
                AlertRule.__table__.insert().values(
                    id=f"arl_{org}",
                    organization_id=org,
                    name="Daily spend over budget",
                    description="",
                    builtin="daily_spend",
                    metric="spend_usd",
                    window="24h",
                    scope_type="fleet",
                    scope_value="",
                    condition="above",
                    threshold=threshold,
                    min_tasks=0,
                    severity="critical",
                    category="cost",
                    interval_s=300,
                    cooldown_s=900,
                    channel_ids=[],
                    enabled=True,
                    created_at=now,
                    updated_at=now,
                )  # fmt: skip
            )
    upgrade_schema(url)
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.select(AlertRule.organization_id, AlertRule.metric)).all())
    engine.dispose()
    assert rows == {"org_shipped": "budget_used", "org_tuned": "spend_usd"}
