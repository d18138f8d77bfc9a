"""API shapes of the agent registry."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ams.agents.lifecycle import Activity, Health, LifecycleAction, LifecycleState
from ams.agents.platforms import Platform
from ams.agents.versions import check_semver

LABEL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$"
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$"
AgentName = Field(min_length=1, max_length=200, pattern=NAME_PATTERN)


class AgentLimits(BaseModel):
    """Per-agent ceilings. Enforced by the gateway and governance; stored here."""

    model_config = ConfigDict(extra="forbid")

    max_cost_per_day_usd: float | None = Field(None, ge=0)
    max_requests_per_minute: int | None = Field(None, ge=1)
    max_tokens_per_minute: int | None = Field(None, ge=1)
    max_concurrent_tasks: int | None = Field(None, ge=1)
    task_timeout_s: float | None = Field(None, gt=0)


def _check_labels(values: list[str]) -> list[str]:
    for value in values:
        if not re.match(LABEL_PATTERN, value):
            raise ValueError(f"{value!r}: use letters, digits and _ . : / - (at most 100)")
    return sorted(set(values))


# Tags and capabilities: a set, kept sorted.
Labels = Annotated[list[str], AfterValidator(_check_labels)]


class _AgentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = Field("", max_length=5000)
    capabilities: Labels = Field(default_factory=list, max_length=100)
    tags: Labels = Field(default_factory=list, max_length=100)
    limits: AgentLimits = Field(default_factory=AgentLimits)


class AgentCreate(_AgentFields):
    name: str = AgentName
    project_id: str | None = Field(None, description="Defaults to your only project (or your key's).")
    platform: Platform
    configuration: dict[str, Any] = Field(default_factory=dict)
    owner_id: str | None = Field(None, description="A user of the organization; defaults to you.")


class AgentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200, pattern=NAME_PATTERN)
    description: str | None = Field(None, max_length=5000)
    configuration: dict[str, Any] | None = None
    capabilities: Labels | None = Field(None, max_length=100)
    tags: Labels | None = Field(None, max_length=100)
    limits: AgentLimits | None = None
    owner_id: str | None = None


class AgentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    project_id: str
    name: str
    description: str
    platform: Platform
    owner_id: str | None
    capabilities: list[str]
    tags: list[str]
    configuration: dict[str, Any]
    limits: dict[str, Any]
    lifecycle_state: LifecycleState
    state_reason: str
    state_changed_at: datetime
    allowed_actions: list[LifecycleAction]
    health: Health
    activity: Activity
    last_seen_at: datetime | None
    current_version_id: str | None
    current_version: str | None
    created_at: datetime
    updated_at: datetime


class AgentClone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = AgentName
    project_id: str | None = Field(None, description="Defaults to the source agent's project.")


class AgentFromTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template_id: str
    name: str = AgentName
    project_id: str | None = None
    configuration: dict[str, Any] = Field(default_factory=dict, description="Merged over the template's.")
    description: str | None = Field(None, max_length=5000)
    tags: Labels | None = None


class LifecycleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field("", max_length=2000, description="Why: kept on the agent and in the audit trail.")
    version: str | None = Field(None, description="deploy only: the version to serve (id or number).")


class BulkOperation(StrEnum):
    PROVISION = "provision"
    DEPLOY = "deploy"
    PAUSE = "pause"
    RESUME = "resume"
    MAINTENANCE = "maintenance"
    QUARANTINE = "quarantine"
    RETIRE = "retire"
    DELETE = "delete"
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"


class BulkRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    operation: BulkOperation
    ids: list[str] = Field(min_length=1, max_length=1000)
    reason: str = Field("", max_length=2000)
    tags: Labels = Field(default_factory=list, description="add_tags / remove_tags only.")


class BulkItemResult(BaseModel):
    id: str
    ok: bool
    status: int
    lifecycle_state: LifecycleState | None = None
    error: str | None = None


class BulkResult(BaseModel):
    operation: BulkOperation
    succeeded: int
    failed: int
    results: list[BulkItemResult]


class PromptRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    version: str | None = Field(None, max_length=100)


class VersionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(description="Semantic version, e.g. 1.4.0; never reused for this agent.")
    configuration: dict[str, Any] | None = Field(None, description="Defaults to the agent's configuration now.")
    model: str | None = Field(None, max_length=200)
    prompt_refs: list[PromptRef] = Field(default_factory=list)
    notes: str = Field("", max_length=5000)
    make_current: bool = Field(True, description="Point the agent at this version.")

    @field_validator("version")
    @classmethod
    def _semver(cls, value: str) -> str:
        return check_semver(value)


class VersionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    agent_id: str
    version: str
    configuration: dict[str, Any]
    model: str | None
    prompt_refs: list[PromptRef]
    notes: str
    created_by: str | None
    created_at: datetime
    is_current: bool = False


class PlatformPublic(BaseModel):
    platform: Platform
    description: str
    configuration_schema: dict[str, Any]


class TemplatePublic(BaseModel):
    id: str
    name: str
    description: str
    platform: Platform
    configuration: dict[str, Any]
    capabilities: list[str]
    tags: list[str]
    limits: dict[str, Any]
    required: list[str]


class AgentStatus(BaseModel):
    """The light answer an agent or a dashboard polls: state, health, activity."""

    id: str
    name: str
    lifecycle_state: LifecycleState
    state_reason: str
    state_changed_at: datetime
    allowed_actions: list[LifecycleAction]
    health: Health
    activity: Activity
    last_seen_at: datetime | None
    current_version_id: str | None
    emergency_stop: dict[str, Any] | None = Field(
        None, description="The emergency stop covering the agent (id, scope, target, reason, stopped_by, stopped_at)."
    )
    may_run: bool = Field(description="Whether the agent may start tasks now: active and under no emergency stop.")


class HealthEventPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    at: datetime
    health_from: Health
    health_to: Health
    reason: str
    checks: dict[str, Any]


class AgentHealthReport(BaseModel):
    """An agent's health as last recorded, the checks judged just now, and its history of changes."""

    agent_id: str
    health: Health
    activity: Activity
    last_seen_at: datetime | None
    judged_now: Health = Field(description="What the checks below say at this moment.")
    reason: str
    checks: dict[str, Any]
    history: list[HealthEventPublic]
    next_cursor: str | None = None
