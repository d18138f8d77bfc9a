"""The audit trail's hash chain. Pure: how a link's hash is computed and how a chain is checked.

Each entry's hash covers its own fields and the previous entry's hash, so editing any field of any entry, or
deleting or reordering entries, breaks the chain at (or right after) that entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Link:
    """The hashed fields of one audit entry."""

    id: str
    organization_id: str
    seq: int
    at: datetime
    actor_type: str
    actor_id: str
    actor_label: str
    action: str
    resource_type: str
    resource_id: str
    project_id: str | None
    summary: dict[str, Any]
    prev_hash: str
    hash: str = ""


def link_hash(link: Link) -> str:
    document = {
        "id": link.id,
        "organization_id": link.organization_id,
        "seq": link.seq,
        # Microseconds, in UTC: what every engine gives back unchanged.
        "at": link.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": [link.actor_type, link.actor_id, link.actor_label],
        "action": link.action,
        "resource": [link.resource_type, link.resource_id, link.project_id],
        "summary": link.summary,
        "prev_hash": link.prev_hash,
    }
    canonical = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    organization_id: str
    seq: int
    entry_id: str | None
    reason: str


class ChainVerifier:
    """Checks one organization's links fed in `seq` order, without holding them all in memory."""

    def __init__(self, organization_id: str) -> None:
        self.organization_id = organization_id
        self.checked = 0
        self._expected_seq = 1
        self._expected_prev = GENESIS_HASH

    def feed(self, link: Link) -> ChainBreak | None:
        org, expected = self.organization_id, self._expected_seq
        if link.seq != expected:
            missing = "entry" if link.seq == expected + 1 else f"entries {expected}..{link.seq - 1}"
            return ChainBreak(org, expected, None, f"{missing} deleted before entry {link.seq} ({link.id})")
        if link.prev_hash != self._expected_prev:
            return ChainBreak(org, link.seq, link.id, "its link to the previous entry does not match")
        if link_hash(link) != link.hash:
            return ChainBreak(org, link.seq, link.id, "its content was changed after it was written")
        self._expected_seq, self._expected_prev = link.seq + 1, link.hash
        self.checked += 1
        return None

    def finish(self, head_seq: int | None, head_hash: str | None) -> ChainBreak | None:
        last = self._expected_seq - 1
        if head_seq is None:
            return ChainBreak(self.organization_id, last, None, "the chain's head record was deleted") if last else None
        if head_seq != last or head_hash != self._expected_prev:
            return ChainBreak(self.organization_id, last + 1, None, f"the newest entries after {last} were deleted")
        return None


def verify_chain(
    organization_id: str, links: Iterable[Link], head_seq: int | None, head_hash: str | None
) -> tuple[int, ChainBreak | None]:
    """Walk one organization's links in `seq` order; return how many were checked and the first break."""
    verifier = ChainVerifier(organization_id)
    for link in links:
        broken = verifier.feed(link)
        if broken:
            return verifier.checked, broken
    return verifier.checked, verifier.finish(head_seq, head_hash)
