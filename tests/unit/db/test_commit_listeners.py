"""`Database.on_commit`: listeners hear of what each commit changed, and of nothing that was rolled back."""

from __future__ import annotations

from sqlalchemy import select

from ams.auth.models import Organization
from ams.db.base import Base
from ams.db.engine import Changes, Database


async def _database(tmp_path) -> tuple[Database, list[Changes]]:
    db = Database(f"sqlite:///{tmp_path / 'control.db'}")
    async with db.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    heard: list[Changes] = []
    db.on_commit(heard.append)
    return db, heard


async def test_listeners_hear_written_and_deleted_instances_after_commit(tmp_path):
    db, heard = await _database(tmp_path)
    async with db.write() as session:
        session.add(Organization(id="org_1", name="One", slug="one"))
    assert [type(i) for i in heard[0].written] == [Organization] and heard[0].deleted == []
    async with db.write() as session:
        org = (await session.execute(select(Organization))).scalar_one()
        org.name = "Uno"
    assert heard[1].written[0].name == "Uno"
    async with db.write() as session:
        await session.delete((await session.execute(select(Organization))).scalar_one())
    assert [i.id for i in heard[2].deleted] == ["org_1"]
    await db.dispose()


async def test_a_rolled_back_transaction_is_not_heard_and_a_savepoint_keeps_the_rest(tmp_path):
    db, heard = await _database(tmp_path)
    try:
        async with db.write() as session:
            session.add(Organization(id="org_1", name="One", slug="one"))
            await session.flush()
            raise RuntimeError("abandon")
    except RuntimeError:
        pass
    assert heard == []
    async with db.write() as session:
        session.add(Organization(id="org_2", name="Two", slug="two"))
        await session.flush()
        try:
            async with session.begin_nested():
                session.add(Organization(id="org_3", name="Three", slug="three"))
                await session.flush()
                raise RuntimeError("undo the savepoint only")
        except RuntimeError:
            pass
    assert len(heard) == 1
    assert "org_2" in {i.id for i in heard[0].written}  # org_3 may be heard too: over-telling is harmless
    await db.dispose()
