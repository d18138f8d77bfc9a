"""What each platform's agent configuration must hold, validated on every write. Pure.

Agents that live behind an HTTP endpoint (webhook, n8n, Make, Zapier, a LangGraph server) need the address AMS
calls them at; framework agents that report through the SDK need nothing, but may say where they run.
Secrets never go here: configuration names a credential of the vault (`*_credential`) instead.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from ams.errors import FieldError, InvalidInput


class Platform(StrEnum):
    LANGCHAIN = "langchain"
    LANGGRAPH = "langgraph"
    CREWAI = "crewai"
    N8N = "n8n"
    MAKE = "make"
    ZAPIER = "zapier"
    WEBHOOK = "webhook"
    CUSTOM = "custom"


CredentialName = Field(None, pattern=r"^[A-Za-z0-9_.-]{1,100}$", description="Name of a credential in the vault.")
Timeout = Field(30.0, gt=0, le=3600, description="Seconds AMS waits for the agent to answer.")


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(None, max_length=200, description="The model the agent asks for by default.")
    settings: dict[str, Any] = Field(default_factory=dict, description="Free-form settings of your own.")


class WebhookConfig(_Config):
    url: HttpUrl = Field(description="Where AMS POSTs a task.")
    method: Literal["POST", "PUT"] = "POST"
    headers: dict[str, str] = Field(default_factory=dict, description="Extra, non-secret headers.")
    auth_credential: str | None = CredentialName
    health_url: HttpUrl | None = Field(None, description="Probed for health; defaults to none.")
    timeout_s: float = Timeout


class N8nConfig(_Config):
    webhook_url: HttpUrl = Field(description="The workflow's Webhook trigger URL.")
    instance_url: HttpUrl | None = Field(None, description="The n8n instance, for its API and health.")
    workflow_id: str | None = Field(None, max_length=200)
    api_credential: str | None = CredentialName
    timeout_s: float = Timeout


class MakeConfig(_Config):
    webhook_url: HttpUrl = Field(description="The scenario's custom webhook URL.")
    scenario_id: str | None = Field(None, max_length=200)
    timeout_s: float = Timeout


class ZapierConfig(_Config):
    webhook_url: HttpUrl = Field(description="The Zap's Catch Hook URL.")
    timeout_s: float = Timeout


class LangGraphConfig(_Config):
    server_url: HttpUrl = Field(description="The LangGraph server (or LangGraph Platform deployment).")
    graph_id: str = Field(min_length=1, max_length=200, description="The graph (assistant) to run.")
    api_credential: str | None = CredentialName
    timeout_s: float = Timeout


class LangChainConfig(_Config):
    server_url: HttpUrl | None = Field(None, description="A LangServe endpoint, when the chain is served.")


class CrewAIConfig(_Config):
    process: Literal["sequential", "hierarchical"] | None = None


class CustomConfig(_Config):
    model_config = ConfigDict(extra="allow")


CONFIG_MODELS: dict[Platform, type[_Config]] = {
    Platform.LANGCHAIN: LangChainConfig,
    Platform.LANGGRAPH: LangGraphConfig,
    Platform.CREWAI: CrewAIConfig,
    Platform.N8N: N8nConfig,
    Platform.MAKE: MakeConfig,
    Platform.ZAPIER: ZapierConfig,
    Platform.WEBHOOK: WebhookConfig,
    Platform.CUSTOM: CustomConfig,
}

DESCRIPTIONS: dict[Platform, str] = {
    Platform.LANGCHAIN: "A LangChain agent reporting through the SDK's callback handler, or served by LangServe.",
    Platform.LANGGRAPH: "A LangGraph graph on a LangGraph server, called by graph id.",
    Platform.CREWAI: "A CrewAI crew reporting through the SDK.",
    Platform.N8N: "An n8n workflow started through its Webhook trigger.",
    Platform.MAKE: "A Make scenario started through its custom webhook.",
    Platform.ZAPIER: "A Zap started through its Catch Hook.",
    Platform.WEBHOOK: "Any HTTP service that takes a task as a JSON POST.",
    Platform.CUSTOM: "Anything else: plain Python, another framework. Configuration is free-form.",
}


def validate_configuration(
    platform: Platform, configuration: dict[str, Any], field: str = "configuration"
) -> dict[str, Any]:
    """The configuration normalised, or InvalidInput naming each wrong field as `configuration.<name>`."""
    model = CONFIG_MODELS[platform]
    try:
        return model.model_validate(configuration).model_dump(mode="json", exclude_none=True)
    except ValidationError as exc:
        errors = [FieldError(".".join([field, *(str(p) for p in e["loc"])]), _message(e)) for e in exc.errors()]
        detail = f"configuration is not valid for a {platform.value} agent: " + "; ".join(
            f"{e.field}: {e.message}" for e in errors
        )
        raise InvalidInput(detail, errors=errors) from None


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return "required"
    if error["type"] == "extra_forbidden":
        return "not a setting of this platform (free-form values go under settings)"
    return str(error["msg"])


def configuration_schema(platform: Platform) -> dict[str, Any]:
    return CONFIG_MODELS[platform].model_json_schema()
