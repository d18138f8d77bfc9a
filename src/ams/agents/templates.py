"""The bundled agent templates: starting points a user fills in, each valid for its platform once the
configuration fields it lists as `required` are given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ams.agents.platforms import Platform


@dataclass(frozen=True)
class AgentTemplate:
    id: str
    name: str
    description: str
    platform: Platform
    configuration: dict[str, Any]
    capabilities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    limits: dict[str, Any] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)  # configuration fields the user must supply


TEMPLATES: list[AgentTemplate] = [
    AgentTemplate(
        id="support-langgraph",
        name="Customer support agent (LangGraph)",
        description="A LangGraph support graph answering tickets, with retrieval and escalation to a human.",
        platform=Platform.LANGGRAPH,
        configuration={"graph_id": "support", "model": "gpt-4o-mini", "timeout_s": 60},
        capabilities=["chat", "retrieval", "ticketing"],
        tags=["support"],
        limits={"max_cost_per_day_usd": 25, "max_requests_per_minute": 120},
        required=["server_url"],
    ),
    AgentTemplate(
        id="research-crewai",
        name="Research crew (CrewAI)",
        description="A sequential CrewAI crew: a researcher and a writer producing briefs.",
        platform=Platform.CREWAI,
        configuration={"process": "sequential", "model": "gpt-4o"},
        capabilities=["research", "web_search", "writing"],
        tags=["research"],
        limits={"max_cost_per_day_usd": 50},
    ),
    AgentTemplate(
        id="rag-langchain",
        name="Document Q&A (LangChain)",
        description="A LangChain retrieval chain over your documents, reporting through the SDK.",
        platform=Platform.LANGCHAIN,
        configuration={"model": "gpt-4o-mini"},
        capabilities=["retrieval", "chat"],
        tags=["knowledge"],
    ),
    AgentTemplate(
        id="n8n-workflow",
        name="n8n workflow",
        description="An n8n workflow started through its Webhook trigger node.",
        platform=Platform.N8N,
        configuration={"timeout_s": 120},
        capabilities=["automation"],
        tags=["automation"],
        required=["webhook_url"],
    ),
    AgentTemplate(
        id="make-scenario",
        name="Make scenario",
        description="A Make scenario started through a custom webhook.",
        platform=Platform.MAKE,
        configuration={"timeout_s": 120},
        capabilities=["automation"],
        tags=["automation"],
        required=["webhook_url"],
    ),
    AgentTemplate(
        id="zapier-zap",
        name="Zapier Zap",
        description="A Zap started through a Catch Hook.",
        platform=Platform.ZAPIER,
        configuration={"timeout_s": 60},
        capabilities=["automation"],
        tags=["automation"],
        required=["webhook_url"],
    ),
    AgentTemplate(
        id="webhook-service",
        name="HTTP agent (webhook)",
        description="Any service that takes a task as a JSON POST and answers with its result.",
        platform=Platform.WEBHOOK,
        configuration={"method": "POST", "timeout_s": 30},
        capabilities=["custom"],
        required=["url"],
    ),
    AgentTemplate(
        id="code-review-custom",
        name="Code review agent (plain Python)",
        description="A plain-Python agent reviewing pull requests; merging needs approval by policy.",
        platform=Platform.CUSTOM,
        configuration={"model": "claude-sonnet-4-5", "settings": {"repositories": []}},
        capabilities=["code_review", "github"],
        tags=["engineering"],
        limits={"max_cost_per_day_usd": 40, "max_concurrent_tasks": 4},
    ),
]

TEMPLATES_BY_ID = {t.id: t for t in TEMPLATES}
