"""Emergency stops: which agents a stop covers. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class StopScope(StrEnum):
    FLEET = "fleet"
    PROJECT = "project"
    AGENT = "agent"
    TAG = "tag"


@dataclass(frozen=True)
class Stop:
    id: str
    organization_id: str
    scope: StopScope
    target: str
    reason: str
    created_by: str
    created_at: datetime

    def covers(self, agent_id: str, agent_name: str, project_id: str, tags: frozenset[str]) -> bool:
        if self.scope is StopScope.FLEET:
            return True
        if self.scope is StopScope.PROJECT:
            return self.target == project_id
        if self.scope is StopScope.AGENT:
            return self.target in (agent_id, agent_name)
        return self.target in tags

    def describe(self) -> str:
        what = "the whole fleet" if self.scope is StopScope.FLEET else f"{self.scope.value} {self.target}"
        return f"emergency stop of {what} by {self.created_by} at {self.created_at.isoformat()}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scope": self.scope.value,
            "target": self.target,
            "reason": self.reason,
            "stopped_by": self.created_by,
            "stopped_at": self.created_at.isoformat(),
        }


def first_covering(
    stops: list[Stop], agent_id: str, agent_name: str, project_id: str, tags: frozenset[str]
) -> Stop | None:
    for stop in stops:
        if stop.covers(agent_id, agent_name, project_id, tags):
            return stop
    return None
