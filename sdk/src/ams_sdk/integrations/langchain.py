"""LangChain and LangGraph: a callback handler turning runs into AMS spans, with the guard on every tool.

```python
handler = AMSCallbackHandler(actions={"merge_pr": "github.merge_pr"})
graph.invoke(inputs, config={"callbacks": [handler]})
```

Chains become `chain` spans (a LangGraph node keeps its node name in `langgraph.node`), chat models and LLMs `llm`
spans with the model, provider and token usage (AMS prices them), tools `tool` spans. A run with no parent and no
current span (a graph invoked outside any `@ams_sdk.task`) is the task itself: kind `agent`, with its outcome.

Before a tool runs, the guard is asked: a denial raises `ActionDenied` out of the tool call (LangGraph's
`ToolNode(handle_tool_errors=True)` hands it to the model as the tool's answer instead). Before every LLM call and
tool call the kill switch is asked: a stopped agent gets `AgentStopped`. Needs `langchain-core`.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode

from ams_sdk import runtime as _runtime
from ams_sdk.errors import ActionDenied, AgentStopped, ApprovalPending
from ams_sdk.guard import ACTION_NAME
from ams_sdk.instrument import otel_attributes, payload_text

logger = logging.getLogger("ams_sdk")
# What this handler raises on purpose; anything else failing inside it is logged and swallowed.
_REFUSALS = (ActionDenied, AgentStopped, ApprovalPending)


class AMSCallbackHandler(BaseCallbackHandler):
    """Spans for LangChain/LangGraph runs, and the guard and kill switch before tools and model calls.

    Args:
        actions: Tool name -> the action name policies match (e.g. `{"merge_pr": "github.merge_pr"}`); a tool
            not listed is checked under its own name.
        guard_tools: Ask the guard before each tool call.
        on_approval: When the guard wants a human: `wait` for the decision, or `raise` `ApprovalPending`.
        approval_timeout_s: Longest wait for an approval.
    """

    raise_error = True  # refusals must reach the agent; our own failures are caught below
    run_inline = True  # guard before the tool, in order, in async runs too

    def __init__(
        self,
        actions: dict[str, str] | None = None,
        *,
        guard_tools: bool = True,
        on_approval: str = "wait",
        approval_timeout_s: float = 3600.0,
    ) -> None:
        super().__init__()
        self.actions = dict(actions or {})
        self.guard_tools = guard_tools
        self.on_approval = on_approval
        self.approval_timeout_s = approval_timeout_s
        self._spans: dict[UUID, tuple[Span, bool]] = {}  # run -> (span, is the task's root)
        self._lock = threading.Lock()

    def _start(
        self, run_id: UUID, parent_run_id: UUID | None, name: str, kind: str, attributes: dict[str, Any]
    ) -> Span | None:
        rt = _runtime.current()
        if rt is None:
            return None
        with self._lock:
            parent = self._spans.get(parent_run_id) if parent_run_id else None
        if parent is not None:
            context = trace.set_span_in_context(parent[0])
            root = False
        else:
            context = None  # the current span (an @ams_sdk.task around the invoke), if any
            root = not trace.get_current_span().get_span_context().is_valid
            if root and kind == "chain":
                kind = "agent"
        attributes = {"ams.span.kind": kind, **otel_attributes(attributes)}
        span = rt.tracer.start_span(name, context=context, attributes=attributes)
        with self._lock:
            self._spans[run_id] = (span, root)
        return span

    def _end(self, run_id: UUID, error: BaseException | None = None, output: Any = None) -> None:
        with self._lock:
            found = self._spans.pop(run_id, None)
        if found is None:
            return
        span, root = found
        if output is not None:
            span.set_attribute("output.value", payload_text(output))
        if error is not None:
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"[:500]))
        if root:
            span.set_attribute("ams.task.outcome", "failure" if error is not None else "success")
        span.end()

    # Chains and graph nodes

    def on_chain_start(
        self,
        serialized: dict[str, Any] | None,
        inputs: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        try:
            name = kwargs.get("name") or (serialized or {}).get("name") or "chain"
            attributes: dict[str, Any] = {"input.value": payload_text(inputs)}
            node = (metadata or {}).get("langgraph_node")
            if node and node == name:
                attributes["langgraph.node"] = node
                attributes["langgraph.step"] = (metadata or {}).get("langgraph_step")
            self._start(run_id, parent_run_id, str(name), "chain", attributes)
        except Exception:
            logger.exception("AMS SDK: LangChain chain start not traced")

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id, output=outputs)

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id, error=error)

    # Model calls

    def on_chat_model_start(
        self,
        serialized: dict[str, Any] | None,
        messages: list[list[Any]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        metadata: dict[str, Any] | None = None,
        invocation_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        text = [[getattr(m, "content", m) for m in batch] for batch in messages]
        self._llm_start(serialized, text, run_id, parent_run_id, metadata, invocation_params, kwargs)

    def on_llm_start(
        self,
        serialized: dict[str, Any] | None,
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        metadata: dict[str, Any] | None = None,
        invocation_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self._llm_start(serialized, prompts, run_id, parent_run_id, metadata, invocation_params, kwargs)

    def _llm_start(
        self,
        serialized: dict[str, Any] | None,
        prompt: Any,
        run_id: UUID,
        parent_run_id: UUID | None,
        metadata: dict[str, Any] | None,
        params: dict[str, Any] | None,
        kwargs: dict[str, Any],
    ) -> None:
        rt = _runtime.current()
        if rt is not None:
            rt.killswitch.ensure_running()
        try:
            meta, params = metadata or {}, params or {}
            model = params.get("model") or params.get("model_name") or meta.get("ls_model_name") or ""
            name = kwargs.get("name") or (serialized or {}).get("name") or "llm"
            attributes = {
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": model,
                "gen_ai.provider.name": meta.get("ls_provider"),
                "input.value": payload_text(prompt),
            }
            self._start(run_id, parent_run_id, f"llm {model or name}", "llm", attributes)
        except Exception:
            logger.exception("AMS SDK: LangChain model call not traced")

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        try:
            with self._lock:
                found = self._spans.get(run_id)
            if found is not None:
                _usage(found[0], response)
        except Exception:
            logger.exception("AMS SDK: LangChain model usage not read")
        self._end(run_id)

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id, error=error)

    # Tools, with the guard

    def on_tool_start(
        self,
        serialized: dict[str, Any] | None,
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        rt = _runtime.current()
        if rt is None:
            return
        rt.killswitch.ensure_running()
        tool_name = str(kwargs.get("name") or (serialized or {}).get("name") or "tool")
        action = self.actions.get(tool_name, tool_name)
        if not ACTION_NAME.match(action):
            action = "".join(c if c.isalnum() or c in "_.:/-" else "_" for c in action)[:200] or "tool"
        arguments = inputs if isinstance(inputs, dict) else _parse(input_str)
        attributes = {"gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": action,
                      "input.value": payload_text(arguments)}  # fmt: skip
        span = self._start(run_id, parent_run_id, f"tool {action}", "tool", attributes)
        if span is None or not self.guard_tools:
            return
        context = span.get_span_context()
        try:
            decision = rt.guard.check(
                action, arguments, trace_id=format(context.trace_id, "032x"), span_id=format(context.span_id, "016x")
            )
            span.set_attribute("ams.guard.decision", decision.decision)
            if decision.decision == "deny":
                raise ActionDenied(action, decision.reasons)
            if decision.decision == "require_approval":
                span.add_event("approval_requested", {"approval_id": str((decision.approval or {}).get("id", ""))})
                if self.on_approval == "raise":
                    raise ApprovalPending(action, decision.approval or {}, decision.reasons)
                rt.guard.wait_for_approval(action, decision, self.approval_timeout_s)
        except _REFUSALS as refused:
            # LangChain calls no tool-error callback when the start callback raises: the span ends here.
            if isinstance(refused, ActionDenied):
                span.set_attribute("ams.guard.reasons", [r.get("message", "") for r in refused.reasons])
            self._end(run_id, error=refused)
            raise

    def on_tool_end(self, output: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id, output=getattr(output, "content", output))

    def on_tool_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id, error=error)


def _parse(input_str: str) -> dict[str, Any]:
    try:
        value = json.loads(input_str)
    except (TypeError, ValueError):
        return {"input": input_str}
    return value if isinstance(value, dict) else {"input": value}


def _usage(span: Span, response: Any) -> None:
    """Model, provider and tokens from an LLMResult: the message's `usage_metadata` (chat models), else the
    provider's `llm_output.token_usage`."""
    input_tokens = output_tokens = 0
    model = provider = ""
    for generations in getattr(response, "generations", None) or []:
        for generation in generations:
            message = getattr(generation, "message", None)
            usage = getattr(message, "usage_metadata", None) or {}
            input_tokens += int(usage.get("input_tokens") or 0)
            output_tokens += int(usage.get("output_tokens") or 0)
            meta = getattr(message, "response_metadata", None) or {}
            model = model or meta.get("model_name") or meta.get("model") or ""
            provider = provider or meta.get("model_provider") or ""
            text = getattr(generation, "text", "")
            if text:
                span.set_attribute("output.value", payload_text(text))
    llm_output = getattr(response, "llm_output", None) or {}
    token_usage = llm_output.get("token_usage") or llm_output.get("usage") or {}
    if not (input_tokens or output_tokens) and token_usage:
        input_tokens = int(token_usage.get("prompt_tokens") or token_usage.get("input_tokens") or 0)
        output_tokens = int(token_usage.get("completion_tokens") or token_usage.get("output_tokens") or 0)
    model = model or llm_output.get("model_name") or ""
    attributes = {"gen_ai.usage.input_tokens": input_tokens, "gen_ai.usage.output_tokens": output_tokens,
                  "gen_ai.response.model": model, "gen_ai.provider.name": provider}  # fmt: skip
    span.set_attributes({k: v for k, v in attributes.items() if v})
