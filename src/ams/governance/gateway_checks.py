"""Governance in the gateway: the admission checks it appends to the proxy's list (DESIGN §6).

In order: an emergency stop covering the agent refuses; a model allow-list or a prompt-size limit in force
refuses; policy rate limits take from shared buckets; spend caps reserve the call's estimated cost (its prompt
and the output it asks for, at the dearest target of its route), which the proxy settles with the real cost
after the call. Every refusal names the policy and rule and says why.
"""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime
from typing import Any

import orjson

from ams.db.engine import Database
from ams.gateway.admission import AdmissionCheck, CallSubject, Refusal
from ams.gateway.directory import Directory, resolve_route
from ams.gateway.meter import model_price
from ams.gateway.usage import estimate_prompt_tokens, requested_output_tokens
from ams.governance import spend
from ams.governance.guard_service import pause_for_spend
from ams.governance.policy import OnBreach, input_refusal, model_refusal, rate_rules
from ams.governance.state import AgentState, GovernanceState
from ams.shared_state import Bucket, SharedState
from ams.telemetry.pricing import PriceBook, cost_usd

# Output tokens assumed for a call that does not say how many it wants, for its spend estimate.
DEFAULT_OUTPUT_TOKENS = 1024


def _input_chars(request: dict[str, Any]) -> int:
    messages = request.get("messages")
    if isinstance(messages, list):
        return sum(len(m["content"]) if isinstance(m.get("content"), str) else len(orjson.dumps(m.get("content")))
                   for m in messages if isinstance(m, dict))  # fmt: skip
    given = request.get("input")
    return len(given) if isinstance(given, str) else len(orjson.dumps(given))


class GovernanceChecks:
    def __init__(
        self, db: Database, state: GovernanceState, shared: SharedState, directory: Directory, book_for: Any
    ) -> None:
        self.db, self.state, self.shared, self.directory, self.book_for = db, state, shared, directory, book_for
        self._background: set[asyncio.Task[None]] = set()

    def _later(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def checks(self) -> list[AdmissionCheck]:
        return [self.stop_check, self.policy_check, self.spend_check]

    async def _agent(self, subject: CallSubject) -> AgentState | None:
        return await self.state.agent(subject.agent.id)

    def stop_reason(self, agent: Any) -> str | None:
        """For streams in flight: the stop that covers the agent now, in words (from memory only)."""
        cached = self.state.cached_agent(agent.id)
        if cached is None:
            return None
        stop = self.state.stop_for(cached.organization_id, cached.facts)
        return stop.describe() if stop else None

    async def stop_check(self, subject: CallSubject) -> Refusal | None:
        agent = await self._agent(subject)
        if agent is None:
            return None
        stop = self.state.stop_for(agent.organization_id, agent.facts)
        if stop is None:
            return None
        return Refusal(403, "emergency_stop", f"refused: {stop.describe()}", {"emergency_stop": stop.as_dict()})

    async def policy_check(self, subject: CallSubject) -> Refusal | None:
        agent = await self._agent(subject)
        if agent is None:
            return None
        policies = await self.state.policies_for(agent)
        if not policies:
            return None
        refused = model_refusal(policies, agent.facts, subject.alias) or input_refusal(
            policies, agent.facts, _input_chars(subject.request)
        )
        if refused is not None:
            code = "model_not_allowed" if refused.rule_type == "model_allow" else "payload_too_large"
            return Refusal(403, code, f"refused by policy {refused.policy_name}: {refused.message}",
                           {"reasons": [refused.as_dict()]})  # fmt: skip
        buckets = []
        tokens = estimate_prompt_tokens(orjson.dumps(subject.request)) + requested_output_tokens(subject.request)
        for policy, rule in rate_rules(policies, agent.facts):
            subject_key = (
                agent.facts.id if policy.scope_type == "agent" else f"{policy.scope_type}:{policy.scope_value}"
            )
            base = f"policy:{policy.id}:{rule.id}:{subject_key}"
            label = f"policy {policy.name} ({rule.id})"
            if rule.requests_per_minute:
                buckets.append(Bucket(f"{base}:rpm", rule.requests_per_minute, 60.0, 1, f"{label} requests per minute"))
            if rule.tokens_per_minute:
                buckets.append(
                    Bucket(f"{base}:tpm", rule.tokens_per_minute, 60.0, tokens, f"{label} tokens per minute")
                )
        if not buckets:
            return None
        admission = await self.shared.admit(buckets)
        if admission.allowed:
            return None
        retry = max(1, math.ceil(admission.retry_after_s))
        return Refusal(429, "rate_limit_exceeded", f"{admission.refused} exceeded; retry in {retry} s",
                       headers={"Retry-After": str(retry)})  # fmt: skip

    async def spend_check(self, subject: CallSubject) -> Refusal | None:
        agent = await self._agent(subject)
        if agent is None:
            return None
        policies = await self.state.policies_for(agent)
        caps = spend.caps_in_force(policies, agent.facts, datetime.now(UTC)) if policies else []
        if not caps:
            return None
        estimate = await self._estimate(subject, agent)
        hold, refusing = await spend.reserve(self.shared, caps, estimate)
        if refusing is None:
            subject.holds.append(hold)
            return None
        spent = await self.shared.spent(refusing.key)
        rule = refusing.rule
        window = "in total" if rule.period.value == "total" else f"per {rule.period.value}"
        resets = f"; it resets at {refusing.resets_at}" if refusing.resets_at else ""
        message = (
            f"refused by policy {refusing.policy.name} ({rule.id}): spend cap of ${rule.amount_usd:,.2f} {window}, "
            f"${spent:,.4f} spent, this call's estimate ${estimate:,.4f} would pass it{resets}"
        )
        extra = {"cap_usd": rule.amount_usd, "period": rule.period.value, "spent_usd": spent,
                 "estimate_usd": estimate, "resets_at": refusing.resets_at, "policy_id": refusing.policy.id,
                 "rule_id": rule.id}  # fmt: skip
        if rule.on_breach is OnBreach.PAUSE:
            self._later(pause_for_spend(self.db, agent.facts.id, message))
        return Refusal(429, "spend_cap_exceeded", message, extra)

    async def _estimate(self, subject: CallSubject, agent: AgentState) -> float:
        """The call's cost if it used its whole prompt and the output it asks for, at its route's dearest target."""
        org = await self.directory.organization(agent.organization_id)
        route = resolve_route(org, subject.alias)
        if route is None:
            return 0.0
        book: PriceBook = await self.book_for(agent.organization_id)
        prompt = estimate_prompt_tokens(orjson.dumps(subject.request))
        output = requested_output_tokens(subject.request) or DEFAULT_OUTPUT_TOKENS
        dearest = 0.0
        for target in route.targets:
            provider = org.providers.get(target["provider_id"])
            if provider is None:
                continue
            entry = provider.model(target["model"]) or {}
            own = None
            if entry.get("input_per_mtok") is not None and entry.get("output_per_mtok") is not None:
                own = (float(entry["input_per_mtok"]), float(entry["output_per_mtok"]))
            price = model_price(own, provider.name, provider.kind, target["model"], book)
            if price is not None:
                dearest = max(dearest, cost_usd(price, prompt, output, 0))
        return dearest
