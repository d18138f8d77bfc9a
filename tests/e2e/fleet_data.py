"""A small, realistic fleet for the dashboard's end-to-end tests and for local development.

Five agents are registered through the API (platform, owner, tags, capabilities, versions) and deployed; then
eight days of their tasks arrive through OTLP/HTTP exactly as an OpenTelemetry exporter sends them: an agent
span per task with LLM calls (GenAI attributes, tokens), tool calls and a guard check. The last 24 hours differ
from the week before for two agents (more failures, slower), so the fleet heatmap has something to point at.

    python -m tests.e2e.fleet_data --url http://127.0.0.1:8090 --email admin@ams.local --password ...
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, InstrumentationScope, KeyValue
from opentelemetry.proto.resource.v1.resource_pb2 import Resource
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status

HOUR_NS = 3600 * 10**9


@dataclass(frozen=True)
class AgentProfile:
    name: str
    platform: str
    description: str
    tags: tuple[str, ...]
    capabilities: tuple[str, ...]
    model: tuple[str, str]
    tools: tuple[str, ...]
    tasks_per_hour: int
    failure_rate: float
    recent_failure_rate: float
    human_rate: float
    seconds: float
    recent_slowdown: float = 1.0
    configuration: tuple[tuple[str, str], ...] = ()


FLEET = (
    AgentProfile(
        "support-triage",
        "langchain",
        "Reads new support tickets, tags them and drafts the first answer.",
        ("support", "tier-1"),
        ("classify", "draft-reply"),
        ("openai", "gpt-4o-mini"),
        ("search_tickets", "update_ticket"),
        6,
        0.04,
        0.05,
        0.06,
        2.5,
    ),
    AgentProfile(
        "billing-reconciler",
        "crewai",
        "Matches invoices with payments and flags the mismatches.",
        ("finance",),
        ("reconcile", "report"),
        ("anthropic", "claude-sonnet-4-5"),
        ("fetch_invoices", "post_ledger"),
        3,
        0.03,
        0.28,
        0.02,
        6.0,
    ),
    AgentProfile(
        "code-reviewer",
        "langgraph",
        "Reviews pull requests and suggests changes.",
        ("engineering",),
        ("review",),
        ("openai", "gpt-4.1"),
        ("read_diff", "post_comment"),
        2,
        0.05,
        0.06,
        0.01,
        9.0,
        recent_slowdown=2.2,
        configuration=(("server_url", "http://127.0.0.1:9"), ("graph_id", "reviewer")),
    ),
    AgentProfile(
        "lead-qualifier",
        "custom",
        "Scores inbound leads and routes the good ones to sales.",
        ("sales",),
        ("score",),
        ("openai", "gpt-4o-mini"),
        ("crm_lookup",),
        4,
        0.02,
        0.02,
        0.22,
        1.8,
    ),
    AgentProfile(
        "doc-summarizer",
        "langchain",
        "Summarises long documents for the knowledge base.",
        ("knowledge", "tier-1"),
        ("summarize",),
        ("anthropic", "claude-haiku-4-5"),
        ("fetch_document",),
        8,
        0.01,
        0.01,
        0.0,
        1.2,
    ),
)


def _kv(key: str, value: str | int | float | bool) -> KeyValue:
    if isinstance(value, bool):
        return KeyValue(key=key, value=AnyValue(bool_value=value))
    if isinstance(value, int):
        return KeyValue(key=key, value=AnyValue(int_value=value))
    if isinstance(value, float):
        return KeyValue(key=key, value=AnyValue(double_value=value))
    return KeyValue(key=key, value=AnyValue(string_value=value))


def _task(agent: AgentProfile, start_ns: int, recent: bool, rng: random.Random) -> list[Span]:
    """One task of `agent`: its agent span, a guard check, LLM calls and tool calls, laid end to end."""
    trace_id = rng.randbytes(16)
    root_id = rng.randbytes(8)
    failed = rng.random() < (agent.recent_failure_rate if recent else agent.failure_rate)
    human = rng.random() < agent.human_rate
    slow = agent.recent_slowdown if recent else 1.0
    provider, model = agent.model
    ticket = rng.randint(1000, 99999)
    children: list[Span] = []
    cursor = start_ns + 5_000_000

    def child(name: str, seconds: float, attributes: dict[str, str | int | float | bool], error: str = "") -> None:
        nonlocal cursor
        end = cursor + int(seconds * 1e9)
        children.append(
            Span(
                trace_id=trace_id,
                span_id=rng.randbytes(8),
                parent_span_id=root_id,
                name=name,
                kind=Span.SPAN_KIND_CLIENT,
                start_time_unix_nano=cursor,
                end_time_unix_nano=end,
                attributes=[_kv(k, v) for k, v in attributes.items()],
                status=Status(code=Status.STATUS_CODE_ERROR, message=error) if error else Status(),
            )
        )
        cursor = end + 2_000_000

    child(
        "guard check",
        0.004,
        {"ams.span.kind": "guard", "ams.guard.decision": "allow", "ams.guard.action": agent.tools[0]},
    )
    for step in range(rng.randint(1, 3)):
        prompt, completion = rng.randint(300, 4000), rng.randint(40, 900)
        child(
            f"chat {model}",
            agent.seconds * slow * rng.uniform(0.15, 0.35),
            {
                "gen_ai.operation.name": "chat",
                "gen_ai.provider.name": provider,
                "gen_ai.request.model": model,
                "gen_ai.usage.input_tokens": prompt,
                "gen_ai.usage.output_tokens": completion,
                "input.value": f"You are {agent.name}. Task #{ticket}, step {step + 1}: {agent.description}",
                "output.value": f"Step {step + 1} of task #{ticket} done.",
            },
        )
        tool = agent.tools[step % len(agent.tools)]
        last = step > 0 and failed
        child(
            tool,
            agent.seconds * slow * rng.uniform(0.05, 0.2),
            {
                "ams.span.kind": "tool",
                "gen_ai.tool.name": tool,
                "input.value": f'{{"id": {ticket}}}',
                "output.value": '{"ok": true}',
            },
            error=f"{tool} timed out after 30s" if last else "",
        )
    outcome = "failure" if failed else ("escalated" if human and rng.random() < 0.5 else "success")
    root = Span(
        trace_id=trace_id,
        span_id=root_id,
        name=f"invoke_agent {agent.name}",
        kind=Span.SPAN_KIND_SERVER,
        start_time_unix_nano=start_ns,
        end_time_unix_nano=cursor + 3_000_000,
        attributes=[
            _kv("ams.span.kind", "agent"),
            _kv("ams.agent.id", agent.name),
            _kv("ams.task.outcome", outcome),
            _kv("ams.human_intervention", human),
            _kv("session.id", f"{agent.name}-{ticket % 40}"),
            _kv("input.value", f"Task #{ticket}"),
            _kv("output.value", "failed" if failed else "done"),
        ],
        status=Status(code=Status.STATUS_CODE_ERROR, message="task failed") if failed else Status(),
    )
    for span in children:
        span.attributes.append(_kv("ams.agent.id", agent.name))
    return [root, *children]


def export_bodies(hours: int = 192, seed: int = 7, now_ns: int | None = None, hours_per_body: int = 12) -> list[bytes]:
    """OTLP protobuf bodies holding `hours` of the fleet's tasks, each body `hours_per_body` of the whole fleet."""
    rng = random.Random(seed)
    now = now_ns or time.time_ns()
    scope = InstrumentationScope(name="ams.fleet_data", version="1")
    bodies = []
    for first in range(hours, 0, -hours_per_body):
        resource_spans = []
        for agent in FLEET:
            spans = [
                s
                for hour in range(first, max(first - hours_per_body, 0), -1)
                for _ in range(agent.tasks_per_hour)
                for s in _task(agent, now - hour * HOUR_NS + rng.randint(0, HOUR_NS - 60 * 10**9), hour <= 24, rng)
            ]
            resource = Resource(attributes=[_kv("service.name", agent.name), _kv("service.version", "1.2.0")])
            resource_spans.append(ResourceSpans(resource=resource, scope_spans=[ScopeSpans(scope=scope, spans=spans)]))
        bodies.append(ExportTraceServiceRequest(resource_spans=resource_spans).SerializeToString())
    return bodies


def one_task(agent_name: str, seed: int = 1) -> tuple[bytes, str]:
    """An OTLP body holding one task of `agent_name` that ended a moment ago, and its trace id (hex)."""
    agent = next(a for a in FLEET if a.name == agent_name)
    spans = _task(agent, time.time_ns() - 3 * 10**9 * int(agent.seconds + 1), True, random.Random(seed))
    resource = Resource(attributes=[_kv("service.name", agent.name)])
    request = ExportTraceServiceRequest(
        resource_spans=[ResourceSpans(resource=resource, scope_spans=[ScopeSpans(spans=spans)])]
    )
    return request.SerializeToString(), spans[0].trace_id.hex()


def register_fleet(client: httpx.Client, project_id: str) -> dict[str, str]:
    """Register, version and deploy the fleet's agents; their ids by name."""
    ids = {}
    for agent in FLEET:
        body = {
            "name": agent.name,
            "project_id": project_id,
            "platform": agent.platform,
            "description": agent.description,
            "tags": list(agent.tags),
            "capabilities": list(agent.capabilities),
            "configuration": {"model": agent.model[1], **dict(agent.configuration)},
            "limits": {"max_cost_per_day_usd": 25.0, "max_requests_per_minute": 120},
        }
        response = client.post("/api/v1/agents", json=body)
        if response.is_error:
            raise RuntimeError(f"registering {agent.name}: {response.text}")
        created = response.json()
        ids[agent.name] = created["id"]
        for version in ("1.1.0", "1.2.0"):
            client.post(
                f"/api/v1/agents/{created['id']}/versions",
                json={"version": version, "model": agent.model[1], "notes": f"{agent.name} {version}"},
            ).raise_for_status()
        client.post(f"/api/v1/agents/{created['id']}/provision", json={"reason": "first roll-out"}).raise_for_status()
        client.post(f"/api/v1/agents/{created['id']}/deploy", json={"reason": "first roll-out"}).raise_for_status()
    return ids


def seed(url: str, email: str, password: str, hours: int = 192) -> dict[str, str]:
    """Register the fleet on the AMS at `url` and send it `hours` of telemetry; the agents' ids by name."""
    token = httpx.post(f"{url}/api/v1/auth/login", json={"email": email, "password": password}).raise_for_status()
    with httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {token.json()['access_token']}"}, timeout=60
    ) as client:
        project = client.get("/api/v1/projects").raise_for_status().json()[0]
        ids = register_fleet(client, project["id"])
        key = client.post(
            "/api/v1/api-keys", json={"project_id": project["id"], "role": "agent_owner", "name": "fleet telemetry"}
        ).raise_for_status()
        headers = {"Authorization": f"Bearer {key.json()['key']}", "Content-Type": "application/x-protobuf"}
        for body in export_bodies(hours):
            client.post("/v1/traces", content=body, headers=headers).raise_for_status()
    return ids


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--email", default="admin@ams.local")
    parser.add_argument("--password", required=True)
    parser.add_argument("--hours", type=int, default=192)
    args = parser.parse_args()
    print(seed(args.url, args.email, args.password, args.hours))
