"""The decorators and helpers agents write with: `task`, `tool`, `span`, `set_outcome`,
`record_human_intervention` and `score`. Sync and async functions alike.

Without `init` (or with `AMS_ENABLED=false`) every decorated function runs as if undecorated.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar, overload

from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode

from ams_sdk import runtime as _runtime
from ams_sdk.errors import ActionDenied, ApprovalPending
from ams_sdk.guard import Decision, check_action_name

F = TypeVar("F", bound=Callable[..., Any])
OUTCOMES = ("success", "failure", "escalated")
PAYLOAD_CHARS = 4_000


@dataclass
class _TaskState:
    span: Span
    outcome: str | None = None
    human: bool = False


_task: ContextVar[_TaskState | None] = ContextVar("ams_sdk_task", default=None)


def payload_text(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= PAYLOAD_CHARS else text[:PAYLOAD_CHARS] + "…"


def _ids(span: Span) -> tuple[str, str]:
    context = span.get_span_context()
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


def ensure_running() -> None:
    """Raise `AgentStopped` when AMS stopped or paused this agent. The decorators call it; call it yourself
    before costly work that no decorator wraps."""
    rt = _runtime.current()
    if rt is not None:
        rt.killswitch.ensure_running()


@contextmanager
def span(name: str, kind: str = "other", **attributes: Any) -> Iterator[Span]:
    """A span around a block, child of the current one.

    Args:
        name: What the block does.
        kind: One of AMS's kinds: agent, task, llm, tool, retriever, chain, guard, other.
        **attributes: Span attributes; OpenTelemetry GenAI names (`gen_ai.request.model`, ...) are understood.

    Yields:
        The OpenTelemetry span, to add attributes or events to.
    """
    rt = _runtime.current()
    tracer = rt.tracer if rt is not None else trace.get_tracer("ams_sdk")
    attributes = {"ams.span.kind": kind, **otel_attributes(attributes)}
    with tracer.start_as_current_span(name, attributes=attributes) as current:
        yield current


def otel_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """OpenTelemetry takes scalars and lists of scalars: anything else is sent as its text."""
    clean: dict[str, Any] = {}
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, bool | int | float | str):
            clean[key] = value
        elif isinstance(value, list | tuple) and all(isinstance(v, bool | int | float | str) for v in value):
            clean[key] = list(value)
        else:
            clean[key] = payload_text(value)
    return clean


def set_outcome(outcome: str) -> None:
    """The current task's outcome: `success`, `failure` or `escalated` (a human took over). Without it, a task
    that returns succeeded and one that raises failed."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
    state = _task.get()
    if state is not None:
        state.outcome = outcome


def record_human_intervention(reason: str = "", trace_id: str | None = None) -> None:
    """Count the current task (or the task of `trace_id`, after it ended) as one a human stepped into."""
    state = _task.get()
    if trace_id is None and state is not None:
        state.human = True
        state.span.add_event("human_intervention", {"reason": reason} if reason else None)
        return
    rt = _runtime.current()
    if rt is not None and trace_id:
        rt.send_event({"name": "human_intervention", "trace_id": trace_id, "time": _now(),
                       "attributes": {"reason": reason}})  # fmt: skip


def score(name: str, value: float, trace_id: str | None = None, comment: str = "") -> None:
    """Feedback on a task (a user's thumbs up as 1.0, an evaluator's grade...): on the current task's trace,
    or on `trace_id` given later."""
    rt = _runtime.current()
    if rt is None:
        return
    if trace_id is None:
        current = trace.get_current_span()
        if not current.get_span_context().is_valid:
            raise ValueError("score outside a task needs the task's trace_id")
        trace_id = _ids(current)[0]
    rt.send_event({"name": "feedback", "trace_id": trace_id, "time": _now(), "score_name": name,
                   "score_value": float(value), "attributes": {"comment": comment} if comment else {}})  # fmt: skip


def current_trace_id() -> str | None:
    """The current trace's id (32 hex), to score or annotate the task later."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def _now() -> str:
    return datetime.now(UTC).isoformat()


@contextmanager
def _task_span(name: str, session_id: str | None, payload: Any) -> Iterator[_TaskState]:
    rt = _runtime.current()
    assert rt is not None
    rt.killswitch.ensure_running()
    attributes = otel_attributes(
        {"ams.span.kind": "task", "input.value": payload_text(payload), "ams.session.id": session_id}
    )
    with rt.tracer.start_as_current_span(name, attributes=attributes, record_exception=False) as current:
        state = _TaskState(current)
        token = _task.set(state)
        rt.tasks.started()
        ok = False
        try:
            yield state
            ok = state.outcome != "failure"
        except BaseException as exc:
            state.outcome = state.outcome or ("escalated" if isinstance(exc, ApprovalPending) else "failure")
            current.record_exception(exc)
            current.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"[:500]))
            raise
        finally:
            current.set_attribute("ams.task.outcome", state.outcome or "success")
            if state.human or state.outcome == "escalated":
                current.set_attribute("ams.human_intervention", True)
            rt.tasks.finished(ok)
            _task.reset(token)


@overload
def task(fn: F) -> F: ...
@overload
def task(*, name: str | None = None, session_id: str | None = None) -> Callable[[F], F]: ...
def task(fn: Any = None, *, name: str | None = None, session_id: str | None = None) -> Any:
    """Make a function one task of the agent: the root span of a trace in AMS, with its outcome.

    The outcome is `success` when the function returns, `failure` when it raises, or what `set_outcome` said.
    While AMS has the agent stopped or paused, calling it raises `AgentStopped` and nothing runs.

    Args:
        fn: The function (sync or async).
        name: The task's name; the function's qualified name by default.
        session_id: Groups tasks of one conversation.
    """

    def decorate(func: F) -> F:
        label = name or func.__qualname__

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                if _runtime.current() is None:
                    return await func(*args, **kwargs)
                with _task_span(label, session_id, _call_repr(args, kwargs)) as state:
                    result = await func(*args, **kwargs)
                    state.span.set_attribute("output.value", payload_text(result))
                    return result

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            if _runtime.current() is None:
                return func(*args, **kwargs)
            with _task_span(label, session_id, _call_repr(args, kwargs)) as state:
                result = func(*args, **kwargs)
                state.span.set_attribute("output.value", payload_text(result))
                return result

        return run  # type: ignore[return-value]

    return decorate(fn) if fn is not None else decorate


def _call_repr(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return payload_text(", ".join(parts))


def _arguments(signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    try:
        bound = signature.bind_partial(*args, **kwargs)
    except TypeError:
        return {"args": list(args), **kwargs}
    return {k: v for k, v in bound.arguments.items() if k not in ("self", "cls")}


def tool_span(action: str, arguments: dict[str, Any]) -> Any:
    """The span of one tool call (what `@tool` and the framework integrations open)."""
    rt = _runtime.current()
    assert rt is not None
    attributes = {"ams.span.kind": "tool", "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": action,
                  "input.value": payload_text(arguments)}  # fmt: skip
    return rt.tracer.start_as_current_span(f"tool {action}", attributes=attributes, record_exception=False)


def enforce(decision: Decision, action: str, current: Span) -> str:
    """Apply the guard's decision to the tool span: raise on a denial; say what to do next otherwise."""
    current.set_attribute("ams.guard.decision", decision.decision)
    if decision.unavailable:
        current.set_attribute("ams.guard.unavailable", True)
    if decision.decision == "deny":
        error = ActionDenied(action, decision.reasons)
        current.set_attribute("ams.guard.reasons", [r.get("message", "") for r in decision.reasons])
        current.set_status(Status(StatusCode.ERROR, str(error)[:500]))
        raise error
    return decision.decision


def _approval_needed(action: str, current: Span, decision: Decision, on_approval: str) -> None:
    state = _task.get()
    current.add_event("approval_requested", {"approval_id": str((decision.approval or {}).get("id", ""))})
    if state is not None:
        state.human = True
    if on_approval == "raise":
        raise ApprovalPending(action, decision.approval or {}, decision.reasons)


def tool(
    fn: Any = None,
    *,
    action: str | None = None,
    on_approval: str = "wait",
    approval_timeout_s: float = 3600.0,
    estimated_cost: float | None = None,
) -> Any:
    """Make a function a tool the guard checks before every call, traced as a tool span.

    Args:
        fn: The function (sync or async).
        action: The action name policies match (globs such as `github.*`); the function's name by default.
        on_approval: When a policy wants a human's approval: `wait` for the answer (up to
            `approval_timeout_s`) or `raise` `ApprovalPending` at once.
        approval_timeout_s: Longest wait for an approval before `ApprovalPending`.
        estimated_cost: USD the call will spend, for spend caps.

    Raises:
        ActionDenied: The guard (or a human) refused the call; `reasons` say why. The function did not run.
        ApprovalPending: An approval is needed and was not given in time (or `on_approval="raise"`).
        AgentStopped: AMS stopped or paused the agent.
    """
    if on_approval not in ("wait", "raise"):
        raise ValueError("on_approval is 'wait' or 'raise'")

    def decorate(func: F) -> F:
        name = check_action_name(action or func.__name__)
        signature = inspect.signature(func)

        def prepare(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
            return _arguments(signature, args, kwargs)

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                rt = _runtime.current()
                if rt is None:
                    return await func(*args, **kwargs)
                rt.killswitch.ensure_running()
                arguments = prepare(args, kwargs)
                with tool_span(name, arguments) as current:
                    trace_id, span_id = _ids(current)
                    decision = await asyncio.to_thread(
                        rt.guard.check, name, arguments, estimated_cost=estimated_cost, trace_id=trace_id,
                        span_id=span_id,
                    )  # fmt: skip
                    if enforce(decision, name, current) == "require_approval":
                        _approval_needed(name, current, decision, on_approval)
                        await asyncio.to_thread(rt.guard.wait_for_approval, name, decision, approval_timeout_s)
                    rt.killswitch.ensure_running()
                    return _finish(current, await func(*args, **kwargs))

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            rt = _runtime.current()
            if rt is None:
                return func(*args, **kwargs)
            rt.killswitch.ensure_running()
            arguments = prepare(args, kwargs)
            with tool_span(name, arguments) as current:
                trace_id, span_id = _ids(current)
                decision = rt.guard.check(
                    name, arguments, estimated_cost=estimated_cost, trace_id=trace_id, span_id=span_id
                )
                if enforce(decision, name, current) == "require_approval":
                    _approval_needed(name, current, decision, on_approval)
                    rt.guard.wait_for_approval(name, decision, approval_timeout_s)
                rt.killswitch.ensure_running()
                return _finish(current, func(*args, **kwargs))

        return run  # type: ignore[return-value]

    return decorate(fn) if fn is not None else decorate


def _finish(current: Span, result: Any) -> Any:
    current.set_attribute("output.value", payload_text(result))
    return result
