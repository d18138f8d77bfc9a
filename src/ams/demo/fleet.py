"""The demo fleet: a dozen agents over five teams, each with a behaviour that shows one side of AMS. Pure data.

The agents run inside `ams demo`, not behind an HTTP endpoint, so none is registered on a platform that AMS would
probe (a LangGraph server, a webhook): LangGraph agents count as `langchain` here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The mock provider's answers: tokens per call (what makes the costs), and how long it takes.
MOCK_PROMPT_TOKENS = 900
MOCK_COMPLETION_TOKENS = 250
MOCK_LATENCY_MS = 120
PROVIDER = "demo-llm"
# USD per million tokens, as the demo provider is registered; gpt-4o's price is what makes the looper costly.
MODELS = {"gpt-4o-mini": (0.15, 0.60), "gpt-4o": (2.50, 10.00)}
LOOPER_CAP_USD_PER_HOUR = 0.05


@dataclass(frozen=True)
class DemoAgent:
    name: str
    team: str
    platform: str
    version: str
    behaviour: str  # steady | flaky | costly_loop | approval | denied_action | canary
    description: str
    tags: tuple[str, ...] = ()
    model: str = "gpt-4o-mini"
    tools: tuple[str, ...] = ("kb.search",)
    every_s: float = 2.5  # mean pause between tasks
    canary_version: str | None = None
    policy: dict[str, Any] | None = field(default=None, hash=False)


FLEET: tuple[DemoAgent, ...] = (
    DemoAgent("support-triage", "Customer Support", "langchain", "2.1.0", "steady",
              "Reads new tickets, tags and routes them.", ("support", "tier-1"), tools=("helpdesk.tag",)),
    DemoAgent("support-replies", "Customer Support", "langchain", "2.0.3", "steady",
              "Drafts replies from the knowledge base.", ("support",), tools=("kb.search", "helpdesk.reply")),
    DemoAgent("payments-refunder", "Customer Support", "custom", "1.2.0", "approval",
              "Refunds customers; every refund waits for a human.", ("support", "payments"),
              tools=("payments.refund",), every_s=4.0,
              policy={"type": "approval", "id": "refunds-need-a-human", "actions": ["payments.refund"],
                      "expires_in_s": 60}),
    DemoAgent("lead-scorer", "Sales", "crewai", "1.4.0", "steady",
              "Scores inbound leads from the CRM.", ("sales",), tools=("crm.lookup",)),
    DemoAgent("outreach-writer", "Sales", "crewai", "1.1.0", "steady",
              "Writes first-touch emails.", ("sales", "email"), tools=("crm.lookup", "mail.draft"), every_s=3.0),
    DemoAgent("checkout-assistant", "Sales", "langchain", "1.8.0", "canary",
              "Answers shoppers at checkout; 1.9.0 is in canary and doing worse.", ("sales", "web"),
              tools=("catalog.search",), canary_version="1.9.0"),
    DemoAgent("code-reviewer", "Engineering", "langchain", "3.0.0", "steady",
              "Reviews pull requests.", ("engineering", "github"), tools=("github.read_diff",), every_s=3.0),
    DemoAgent("release-notes", "Engineering", "langchain", "0.9.2", "steady",
              "Summarises merged changes into release notes.", ("engineering",), tools=("github.list_prs",)),
    DemoAgent("ops-automator", "Engineering", "custom", "2.3.1", "denied_action",
              "Scales services; now and then tries to delete a cluster, which policy forbids.", ("engineering", "ops"),
              tools=("infra.scale_service",), every_s=3.0,
              policy={"type": "tool_deny", "id": "no-cluster-deletes", "actions": ["infra.delete_*"]}),
    DemoAgent("web-scraper", "Data", "custom", "0.4.0", "flaky",
              "Collects competitor prices; its upstream times out often.", ("data", "scraping"),
              tools=("http.fetch",), every_s=2.0),
    DemoAgent("research-looper", "Data", "langchain", "0.3.0", "costly_loop",
              "Deep research that loops on an expensive model until its spend cap stops it.", ("data", "research"),
              model="gpt-4o", tools=("web.search",), every_s=4.0,
              policy={"type": "spend_cap", "id": "research-budget", "amount_usd": LOOPER_CAP_USD_PER_HOUR,
                      "period": "hour", "on_breach": "block"}),
    DemoAgent("invoice-matcher", "Finance", "custom", "1.0.0", "steady",
              "Matches invoices to purchase orders.", ("finance",), tools=("erp.lookup", "erp.match")),
)  # fmt: skip

TEAMS = tuple(dict.fromkeys(agent.team for agent in FLEET))
