"""For commands that work on the stores directly (admin, audit verify): AMS's settings and database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

from ams.db.engine import Database
from ams.settings import Settings

T = TypeVar("T")


def with_database(work: Callable[[Database], Awaitable[T]]) -> T:
    """Run `work` against the configured control database, migrated to the newest schema."""

    async def main() -> T:
        settings = Settings()
        db = Database(settings.database_url, pool_size=1)
        try:
            await db.upgrade()
            return await work(db)
        finally:
            await db.dispose()

    return anyio.run(main)
