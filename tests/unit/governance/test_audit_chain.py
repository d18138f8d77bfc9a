from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ams.governance.audit_chain import GENESIS_HASH, Link, link_hash, verify_chain

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _chain(n: int) -> list[Link]:
    links, prev = [], GENESIS_HASH
    for i in range(1, n + 1):
        link = Link(
            id=f"aud_{i}",
            organization_id="org_1",
            seq=i,
            at=T0 + timedelta(seconds=i),
            actor_type="user",
            actor_id="usr_1",
            actor_label="a@x",
            action="agent.pause",
            resource_type="agent",
            resource_id="agt_1",
            project_id="prj_1",
            summary={"reason": f"r{i}"},
            prev_hash=prev,
        )
        link = replace(link, hash=link_hash(link))
        links.append(link)
        prev = link.hash
    return links


def test_intact_chain_verifies():
    links = _chain(5)
    assert verify_chain("org_1", links, 5, links[-1].hash) == (5, None)


def test_edited_entry_is_named():
    links = _chain(5)
    links[2] = replace(links[2], summary={"reason": "rewritten"})
    checked, broken = verify_chain("org_1", links, 5, links[-1].hash)
    assert checked == 2
    assert broken is not None and broken.entry_id == "aud_3" and broken.seq == 3
    assert "changed" in broken.reason


def test_edit_with_recomputed_hash_breaks_the_next_link():
    links = _chain(5)
    forged = replace(links[2], actor_label="someone-else")
    links[2] = replace(forged, hash=link_hash(forged))
    _, broken = verify_chain("org_1", links, 5, links[-1].hash)
    assert broken is not None and broken.entry_id == "aud_4"


def test_deleted_middle_entry_is_named():
    links = _chain(5)
    del links[1]
    _, broken = verify_chain("org_1", links, 5, links[-1].hash)
    assert broken is not None and broken.seq == 2 and "deleted" in broken.reason


def test_deleted_newest_entry_is_caught_by_the_head():
    links = _chain(5)
    head_hash = links[-1].hash
    _, broken = verify_chain("org_1", links[:-1], 5, head_hash)
    assert broken is not None and broken.seq == 5 and "newest" in broken.reason


def test_deleted_head_is_caught():
    links = _chain(2)
    _, broken = verify_chain("org_1", links, None, None)
    assert broken is not None and "head" in broken.reason
    assert verify_chain("org_1", [], None, None) == (0, None)
