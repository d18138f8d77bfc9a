"""CrewAI: the crew, its tasks, agents, model calls and tools as AMS spans; the guard and the kill switch as
CrewAI hooks.

```python
from ams_sdk.integrations.crewai import instrument

instrument(actions={"merge_pr": "github.merge_pr"})
crew.kickoff()
```

Spans come from CrewAI's event bus. Its handlers run on a thread pool, so two events may be handled out of
order: a span whose parent has not been opened yet waits briefly for it, and an end that comes before its start
is kept until the start arrives. Times are the events' own, so the waiting never shows in the trace. The bus
copies the emitting thread's context, so a crew kicked off inside `@ams_sdk.task` is part of that task.

Before each tool call a `before_tool_call` hook asks the guard; a denial (or a halted agent) blocks the call, as
CrewAI's hooks do, and the agent is told so. A `before_llm_call` hook blocks model calls while AMS has the agent
stopped or paused. Needs `crewai`.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from crewai.events import crewai_event_bus
from crewai.events.types import agent_events, crew_events, llm_events, task_events, tool_usage_events
from crewai.hooks import (
    register_before_llm_call_hook,
    register_before_tool_call_hook,
    unregister_before_llm_call_hook,
    unregister_before_tool_call_hook,
)
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode

from ams_sdk import runtime as _runtime
from ams_sdk.errors import AgentStopped
from ams_sdk.guard import ACTION_NAME
from ams_sdk.instrument import otel_attributes, payload_text

logger = logging.getLogger("ams_sdk")
_PARENT_WAIT_S = 0.5

# event type -> (span kind, what the event does to it)
_STARTS: dict[type, str] = {
    crew_events.CrewKickoffStartedEvent: "crew",
    task_events.TaskStartedEvent: "task",
    agent_events.AgentExecutionStartedEvent: "agent",
    llm_events.LLMCallStartedEvent: "llm",
    tool_usage_events.ToolUsageStartedEvent: "tool",
}
_ENDS_OK = (
    crew_events.CrewKickoffCompletedEvent,
    task_events.TaskCompletedEvent,
    agent_events.AgentExecutionCompletedEvent,
    llm_events.LLMCallCompletedEvent,
    tool_usage_events.ToolUsageFinishedEvent,
)
_ENDS_FAILED = (
    crew_events.CrewKickoffFailedEvent,
    task_events.TaskFailedEvent,
    agent_events.AgentExecutionErrorEvent,
    llm_events.LLMCallFailedEvent,
    tool_usage_events.ToolUsageErrorEvent,
)


def _ns(moment: datetime) -> int:
    return int(moment.timestamp() * 1e9)


class AMSCrewAI:
    """CrewAI instrumented for AMS; `instrument()` makes one and starts it."""

    def __init__(self, actions: dict[str, str] | None = None, guard_tools: bool = True) -> None:
        self.actions = dict(actions or {})
        self.guard_tools = guard_tools
        self._spans: dict[str, tuple[Span, bool]] = {}  # started event id -> (span, a task's root)
        self._by_owner: dict[tuple[str, str], Span] = {}  # ("agent", agent id) / ("task", task id) -> open span
        self._early_ends: dict[str, tuple[Any, bool]] = {}
        self._changed = threading.Condition()
        self._handlers: list[tuple[type, Any]] = []

    # Registration

    def instrument(self) -> AMSCrewAI:
        for event_type in _STARTS:
            self._on(event_type, self._start)
        for event_type in _ENDS_OK:
            self._on(event_type, lambda source, event: self._end(event, failed=False))
        for event_type in _ENDS_FAILED:
            self._on(event_type, lambda source, event: self._end(event, failed=True))
        if self.guard_tools:
            register_before_tool_call_hook(self._before_tool)
        register_before_llm_call_hook(self._before_llm)
        return self

    def uninstrument(self) -> None:
        for event_type, handler in self._handlers:
            crewai_event_bus.off(event_type, handler)
        self._handlers.clear()
        unregister_before_tool_call_hook(self._before_tool)
        unregister_before_llm_call_hook(self._before_llm)

    def _on(self, event_type: type, handler: Any) -> None:
        def safe(source: Any, event: Any) -> None:
            try:
                handler(source, event)
            except Exception:  # a tracing problem must never disturb the crew
                logger.exception("AMS SDK: CrewAI event %s not traced", type(event).__name__)

        crewai_event_bus.on(event_type)(safe)
        self._handlers.append((event_type, safe))

    # Spans

    def _parent(self, event: Any, kind: str) -> Span | None:
        """The span to nest under: the event's parent event, else the open span of its agent or task."""
        keys: list[Any] = [event.parent_event_id] if event.parent_event_id else []
        if kind in ("llm", "tool") and event.agent_id:
            keys.append(("agent", event.agent_id))
        if kind in ("llm", "tool", "agent") and event.task_id:
            keys.append(("task", event.task_id))
        if not keys:
            return None
        with self._changed:
            self._changed.wait_for(lambda: self._find(keys) is not None, timeout=_PARENT_WAIT_S)
            return self._find(keys)

    def _find(self, keys: list[Any]) -> Span | None:
        for key in keys:
            found = self._by_owner.get(key) if isinstance(key, tuple) else self._spans.get(key, (None, False))[0]
            if found is not None:
                return found
        return None

    def _start(self, source: Any, event: Any) -> None:
        rt = _runtime.current()
        if rt is None:
            return
        kind = _STARTS[type(event)]
        name, attributes = _describe(kind, event, self.actions)
        parent = self._parent(event, kind)
        context = trace.set_span_in_context(parent) if parent is not None else None
        root = parent is None and not trace.get_current_span().get_span_context().is_valid
        ams_kind = "agent" if kind == "crew" else kind
        span = rt.tracer.start_span(
            name, context=context, start_time=_ns(event.timestamp),
            attributes={"ams.span.kind": ams_kind, **otel_attributes(attributes)},
        )  # fmt: skip
        with self._changed:
            self._spans[event.event_id] = (span, root)
            if kind in ("agent", "task"):
                self._by_owner[(kind, _owner_id(kind, event))] = span
            early = self._early_ends.pop(event.event_id, None)
            self._changed.notify_all()
        if early is not None:
            self._end(*early)

    def _end(self, event: Any, failed: bool) -> None:
        started = event.started_event_id
        with self._changed:
            found = self._spans.pop(started, None) if started else None
            if found is None:
                if started:
                    self._early_ends[started] = (event, failed)
                return
            for key, span in list(self._by_owner.items()):
                if span is found[0]:
                    del self._by_owner[key]
        span, root = found
        _finish(span, event, failed)
        if root:
            span.set_attribute("ams.task.outcome", "failure" if failed else "success")
        span.end(end_time=_ns(event.timestamp))

    # Hooks: the guard and the kill switch, before the call

    def _before_tool(self, context: Any) -> bool | None:
        rt = _runtime.current()
        if rt is None:
            return None
        try:
            rt.killswitch.ensure_running()
        except AgentStopped as stopped:
            logger.warning("AMS SDK: CrewAI tool %s blocked: %s", context.tool_name, stopped.reason)
            return False
        action = _action(str(context.tool_name), self.actions)
        with self._changed:
            owner = self._by_owner.get(("agent", str(getattr(context.agent, "id", ""))))
        ids = owner.get_span_context() if owner is not None else trace.get_current_span().get_span_context()
        trace_id = format(ids.trace_id, "032x") if ids.is_valid else ""
        span_id = format(ids.span_id, "016x") if ids.is_valid else ""
        try:
            decision = rt.guard.check(action, dict(context.tool_input or {}), trace_id=trace_id, span_id=span_id)
        except AgentStopped:
            return False
        if decision.decision == "allow":
            return None
        why = "; ".join(r.get("message", "") for r in decision.reasons) or decision.decision
        logger.warning("AMS SDK: CrewAI tool %s blocked by the guard (%s): %s", action, decision.decision, why)
        if owner is not None:
            owner.add_event("ams.guard.blocked", {"action": action, "decision": decision.decision, "reason": why})
        # An approval gate blocks too: a crew's tool call cannot wait on a human inside CrewAI's loop.
        return False

    def _before_llm(self, context: Any) -> bool | None:
        rt = _runtime.current()
        if rt is not None and rt.killswitch.halted:
            logger.warning("AMS SDK: CrewAI model call blocked: the agent is stopped or paused in AMS")
            return False
        return None


def _owner_id(kind: str, event: Any) -> str:
    """The agent's or task's id; agent events carry the agent itself rather than its id."""
    owner = getattr(event, kind, None)
    return str(getattr(owner, "id", None) or getattr(event, f"{kind}_id", ""))


def _action(tool_name: str, actions: dict[str, str]) -> str:
    action = actions.get(tool_name, tool_name)
    if not ACTION_NAME.match(action):
        action = "".join(c if c.isalnum() or c in "_.:/-" else "_" for c in action)[:200] or "tool"
    return action


def _describe(kind: str, event: Any, actions: dict[str, str]) -> tuple[str, dict[str, Any]]:
    if kind == "crew":
        return f"crew {event.crew_name or 'crew'}", {"crewai.crew": event.crew_name, "input.value": event.inputs}
    if kind == "task":
        task = event.task
        label = getattr(task, "name", None) or getattr(task, "description", "") or "task"
        return f"task {str(label)[:80]}", {"crewai.task_id": event.task_id, "input.value": event.context}
    if kind == "agent":
        role = getattr(event.agent, "role", "agent")
        return f"agent {role}", {"gen_ai.agent.name": role, "input.value": event.task_prompt}
    if kind == "llm":
        return f"llm {event.model or ''}".strip(), {
            "gen_ai.operation.name": "chat", "gen_ai.request.model": event.model, "input.value": event.messages,
        }  # fmt: skip
    action = _action(str(event.tool_name), actions)
    return f"tool {action}", {
        "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": action, "input.value": event.tool_args,
    }  # fmt: skip


def _finish(span: Span, event: Any, failed: bool) -> None:
    if failed:
        error = str(getattr(event, "error", "") or "failed")
        span.set_status(Status(StatusCode.ERROR, error[:500]))
        return
    output = getattr(event, "output", None)
    if output is not None:
        span.set_attribute("output.value", payload_text(getattr(output, "raw", output)))
    usage = getattr(event, "usage", None) or {}
    if usage:
        input_tokens = usage.get("prompt_tokens") or usage.get("input_tokens") or 0
        output_tokens = usage.get("completion_tokens") or usage.get("output_tokens") or 0
        span.set_attributes({"gen_ai.usage.input_tokens": int(input_tokens),
                             "gen_ai.usage.output_tokens": int(output_tokens)})  # fmt: skip
    response = getattr(event, "response", None)
    if isinstance(response, str):
        span.set_attribute("output.value", payload_text(response))


_instrumented: AMSCrewAI | None = None


def instrument(actions: dict[str, str] | None = None, guard_tools: bool = True) -> AMSCrewAI:
    """Trace every crew of the process into AMS, and guard its tools. Calling it again replaces the previous one.

    Args:
        actions: Tool name -> the action name policies match; a tool not listed is checked under its own name.
        guard_tools: Ask the guard before each tool call.
    """
    global _instrumented
    if _instrumented is not None:
        _instrumented.uninstrument()
    _instrumented = AMSCrewAI(actions, guard_tools).instrument()
    return _instrumented
