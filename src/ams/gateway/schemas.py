"""API shapes of provider and route management. The proxy's hot path builds none of these."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationInfo, field_validator

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"


class ProviderKind(StrEnum):
    OPENAI = "openai"
    ANTHROPIC = "anthropic"
    GEMINI = "gemini"
    OPENAI_COMPATIBLE = "openai_compatible"  # vLLM, Ollama, Groq, Together, Azure-style deployments, …


DEFAULT_BASE_URLS = {
    ProviderKind.OPENAI: "https://api.openai.com/v1",
    ProviderKind.ANTHROPIC: "https://api.anthropic.com",
    ProviderKind.GEMINI: "https://generativelanguage.googleapis.com",
}


class Capability(StrEnum):
    CHAT = "chat"
    STREAMING = "streaming"
    TOOLS = "tools"
    VISION = "vision"
    JSON_MODE = "json_mode"
    EMBEDDINGS = "embeddings"


class ProviderModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="The model name the provider knows.")
    context_window: int | None = Field(None, ge=1, description="Tokens of input plus output the model takes.")
    capabilities: list[Capability] = Field(default_factory=lambda: [Capability.CHAT, Capability.STREAMING])
    input_per_mtok: float | None = Field(None, ge=0, description="USD per million input tokens on this provider.")
    output_per_mtok: float | None = Field(None, ge=0, description="USD per million output tokens.")


class ProviderLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requests_per_minute: int | None = Field(None, ge=1)
    tokens_per_minute: int | None = Field(None, ge=1)
    concurrent_requests: int | None = Field(None, ge=1)
    monthly_budget_usd: float | None = Field(None, ge=0)


class ScopeLimits(BaseModel):
    """Gateway limits of a project or an API key."""

    model_config = ConfigDict(extra="forbid")

    requests_per_minute: int | None = Field(None, ge=1)
    tokens_per_minute: int | None = Field(None, ge=1)
    concurrent_requests: int | None = Field(None, ge=1)


class ProviderOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timeout_s: float = Field(60, gt=0, le=600, description="Default per-attempt timeout.")
    api_version: str | None = Field(None, max_length=50, description="Azure-style `api-version` query value.")
    auth_header: str | None = Field(
        None, max_length=100, description="Header carrying the key when not `Authorization: Bearer` (Azure: api-key)."
    )
    headers: dict[str, str] = Field(default_factory=dict, description="Extra headers sent upstream (not secret).")


def _check_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http:// or https:// URL")
    return value.rstrip("/")


class ProviderCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Unique in the organization; `name/model` addresses it.")
    kind: ProviderKind
    base_url: str | None = Field(
        None,
        description="Defaults to the provider's public API for openai, anthropic, gemini.",
        validate_default=True,
    )
    api_key: SecretStr | None = Field(None, description="Kept sealed in the vault; never returned.")
    models: list[ProviderModel] = Field(default_factory=list, max_length=500)
    limits: ProviderLimits = Field(default_factory=ProviderLimits)
    options: ProviderOptions = Field(default_factory=ProviderOptions)
    enabled: bool = True
    organization_id: str | None = None

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A field validator (not a model one), so that the problem response names base_url. `kind` comes first.
        if value is None and "kind" in info.data and info.data["kind"] not in DEFAULT_BASE_URLS:
            raise ValueError("required for an openai_compatible provider")
        return None if value is None else _check_url(value)


class ProviderUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_url: str | None = None
    api_key: SecretStr | None = Field(None, description="Replaces the sealed key; omit it to keep the key.")
    models: list[ProviderModel] | None = Field(None, max_length=500)
    options: ProviderOptions | None = None
    enabled: bool | None = None

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value)

    @field_validator("api_key")
    @classmethod
    def _key_given(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            raise ValueError("must not be empty: omit api_key to keep the sealed key")
        return value


class ProviderPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    name: str
    kind: ProviderKind
    base_url: str
    models: list[ProviderModel]
    limits: ProviderLimits
    options: ProviderOptions
    enabled: bool
    has_api_key: bool = False
    created_at: datetime
    updated_at: datetime


class Strategy(StrEnum):
    WEIGHTED = "weighted"
    LOWEST_LATENCY = "lowest_latency"
    LOWEST_COST = "lowest_cost"
    ORDERED = "ordered"  # ordered fallback: the first healthy target serves


class RouteTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider_id: str
    model: str = Field(min_length=1, max_length=200)
    weight: float = Field(1.0, ge=0)


class RoutePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    retries: int = Field(2, ge=0, le=10, description="Retries of one target on 429, 5xx and timeouts.")
    backoff_ms: float = Field(200, ge=0, le=60_000, description="First retry's wait; doubles each retry.")
    max_backoff_ms: float = Field(5_000, ge=0, le=120_000)
    timeout_s: float | None = Field(None, gt=0, le=600, description="Per attempt; default: the provider's.")
    failure_threshold: int = Field(5, ge=1, le=1_000, description="Failures in a row that open a target's breaker.")
    cooldown_s: float = Field(30, gt=0, le=3_600, description="How long an open breaker keeps its target out.")
    context_fallback: bool = Field(True, description="Send prompts too long for a target to a larger one.")


class RouteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$")
    strategy: Strategy = Strategy.ORDERED
    targets: list[RouteTarget] = Field(min_length=1, max_length=20)
    policy: RoutePolicy = Field(default_factory=RoutePolicy)
    organization_id: str | None = None


class RouteUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strategy: Strategy | None = None
    targets: list[RouteTarget] | None = Field(None, min_length=1, max_length=20)
    policy: RoutePolicy | None = None


class RoutePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    alias: str
    strategy: Strategy
    targets: list[RouteTarget]
    policy: RoutePolicy
    created_at: datetime
    updated_at: datetime


class LimitsPublic(BaseModel):
    scope: str
    scope_id: str
    limits: dict[str, Any]


class FailoverTest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alias: str = Field(description="The route to test.")
    failing: list[str] = Field(
        default_factory=list, description="Targets to treat as failing: a provider id, or `provider_id/model`."
    )
    prompt_tokens: int = Field(0, ge=0, description="A prompt size, to see the context-window fallback.")
    organization_id: str | None = None


class FailoverStep(BaseModel):
    provider_id: str
    provider: str
    model: str
    skipped: str | None = Field(None, description="Why this target would not serve, if it would not.")


class FailoverResult(BaseModel):
    alias: str
    strategy: Strategy
    order: list[FailoverStep]
    serving: FailoverStep | None


class ProbeResult(BaseModel):
    ok: bool | None
    at: datetime | None
    latency_ms: float | None
    error: str | None


class TargetHealth(BaseModel):
    model: str
    calls: int
    errors: int
    error_rate: float | None
    latency_ms_p50: float | None
    latency_ms_ewma: float | None
    breaker: str
    breaker_reopens_in_s: float | None


class ProviderHealth(BaseModel):
    provider_id: str
    name: str
    status: str = Field(description="healthy, degraded, unhealthy or unknown")
    probe: ProbeResult
    window_s: float = Field(description="The passive figures cover calls of this many last seconds, this instance.")
    targets: list[TargetHealth]
