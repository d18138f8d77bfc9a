"""A halted agent's next LLM call fails with `AgentStopped`, whichever way it calls: through a LangChain model with
the SDK's handler, or through `ams_sdk.openai_client()`. No request leaves the process."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import ams_sdk
from ams_sdk.integrations.langchain import AMSCallbackHandler

STOP = {"lifecycle_state": "active", "emergency_stop": {"scope": "agent", "reason": "runaway refunds"}}


def _halt() -> None:
    runtime = ams_sdk.current()
    assert runtime is not None
    runtime.killswitch.apply_status(STOP)


def test_a_langchain_model_call_of_a_halted_agent_raises_agent_stopped(spans: InMemorySpanExporter) -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage("first"), AIMessage("second")]))
    handler = AMSCallbackHandler()
    assert model.invoke("hello", config={"callbacks": [handler]}).content == "first"
    _halt()
    with pytest.raises(ams_sdk.AgentStopped, match="runaway refunds"):
        model.invoke("hello again", config={"callbacks": [handler]})
    assert [s.name for s in spans.get_finished_spans() if (s.attributes or {}).get("ams.span.kind") == "llm"] == [
        "llm GenericFakeChatModel"
    ]


def test_the_gateway_client_of_a_halted_agent_raises_agent_stopped_before_any_request(
    spans: InMemorySpanExporter,
) -> None:
    client = ams_sdk.openai_client(max_retries=0)
    _halt()
    with pytest.raises(ams_sdk.AgentStopped):
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    client.close()
