"""Migrations build exactly the schema the models describe, on every backend."""

from alembic import command

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
