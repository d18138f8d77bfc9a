"""`POST /api/v1/policies/simulate`: a draft policy replayed over the organization's recorded traffic.

The traffic is read from the span store in one statement: guard checks (each an action an agent asked to take),
tool calls of traces that asked the guard nothing (agents instrumented without the guard), and LLM calls. What
the draft would have decided is worked out by `simulation.simulate`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import anyio
import orjson
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from ams.agents.models import Agent
from ams.auth.principal import Principal
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import NotFound
from ams.governance.policy import AgentFacts
from ams.governance.policy_schemas import PolicyCreate, compile_policy
from ams.governance.simulation import Recorded, simulate
from ams.telemetry.span_windows import span_window
from ams.telemetry.store.base import TelemetryStore

# Past this many recorded events the replay stops and says so: a draft is judged on the oldest ones first.
MAX_EVENTS = 200_000

# The newest version of each span (an exporter may send one twice), then in time order.
TRAFFIC = f"""
SELECT start_us, agent_id, kind, tool_name, subject, cost_usd, tokens, input_chars, arguments, trace_id
FROM (
    SELECT start_us, agent_id, kind, tool_name, trace_id, cost_usd,
           input_tokens + output_tokens AS tokens, length(input) AS input_chars,
           if(kind = 'llm', JSONExtractString(attributes, 'ams.gateway.route'), '') AS route,
           if(route != '', route, model) AS subject,
           if(kind IN ('guard', 'tool'), input, '') AS arguments
    FROM spans
    WHERE organization_id = {{org:String}}
      AND {span_window()}
      AND (
        (kind = 'guard' AND tool_name != '')
        OR kind = 'llm'
        OR (kind = 'tool' AND tool_name != '' AND trace_id NOT IN (
            SELECT trace_id FROM spans
            WHERE organization_id = {{org:String}} AND kind = 'guard'
              AND {span_window()}
        ))
      )
    ORDER BY ingested_us DESC
    LIMIT 1 BY agent_id, start_time, span_id
)
ORDER BY start_us
LIMIT {{limit:UInt64}}
"""


class SimulateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    policy: PolicyCreate = Field(description="The draft, as it would be created.")
    days: int = Field(7, ge=1, le=90, description="How many days of recorded traffic to replay, up to now.")


def _arguments(text: str) -> dict[str, Any]:
    """A recorded action's arguments when they were recorded as a JSON object, else none."""
    if not text.startswith("{"):
        return {}
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _traffic(store: TelemetryStore, params: dict[str, Any]) -> list[Recorded]:
    rows = store.query(TRAFFIC, params).rows
    return [
        Recorded(
            at_us=int(start_us),
            agent_id=agent_id,
            kind="llm_call" if kind == "llm" else "action",
            subject=subject if kind == "llm" else tool_name,
            trace_id=trace_id,
            arguments=_arguments(arguments) if kind != "llm" else {},
            cost_usd=float(cost_usd),
            tokens=int(tokens),
            input_chars=int(input_chars),
        )  # fmt: skip
        for start_us, agent_id, kind, tool_name, subject, cost_usd, tokens, input_chars, arguments, trace_id in rows
    ]


async def _agents(db: Database, organization_id: str) -> dict[str, AgentFacts]:
    async with db.read() as session:
        agents = (await session.execute(select(Agent).where(Agent.organization_id == organization_id))).scalars()
        return {a.id: AgentFacts(a.id, a.name, a.project_id, frozenset(a.tags)) for a in agents}


async def simulate_policy(
    db: Database, store: TelemetryStore, principal: Principal, data: SimulateRequest
) -> dict[str, Any]:
    org = default_organization(principal, data.organization_id or data.policy.organization_id)
    if not principal.can_see(org):
        raise NotFound(f"organization {org} not found")
    draft = data.policy
    rules = [rule.model_dump(mode="json", exclude_none=True) for rule in draft.rules]
    policy = compile_policy("draft", draft.name, 0, draft.scope.type, draft.scope.value, rules)
    until = utcnow()
    since = until - timedelta(days=data.days)
    params = {"org": org, "since": since, "until": until, "limit": MAX_EVENTS + 1}
    traffic = await anyio.to_thread.run_sync(_traffic, store, params)
    truncated = len(traffic) > MAX_EVENTS
    result = simulate(policy, await _agents(db, org), traffic[:MAX_EVENTS])
    return {
        "organization_id": org,
        "from": since.isoformat(),
        "until": until.isoformat(),
        "days": data.days,
        "truncated": truncated,
        **result.as_dict(),
    }
