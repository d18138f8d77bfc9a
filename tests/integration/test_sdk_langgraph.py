"""A LangGraph graph run with a fake chat model and real tools, traced through the SDK's callback handler into a
real AMS: the graph's nodes, the model calls with their tokens and cost, the tool calls, and the guard's denial
of a deny-listed tool with its reason."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.tools import tool
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

import ams_sdk
from ams_sdk.integrations.langchain import AMSCallbackHandler
from tests.integration.conftest import start_server
from tests.integration.sdk_helpers import Fleet, admin_fleet, spans_of

USAGE = {"input_tokens": 1200, "output_tokens": 300, "total_tokens": 1500}
META = {"model_name": "gpt-4o-mini", "model_provider": "openai"}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    server = start_server(tmp_path_factory.mktemp("sdk-langgraph"), None)
    fleet = admin_fleet(server)
    yield fleet
    fleet.close()


@tool
def search(query: str) -> str:
    """Search the docs."""
    return f"{query}: the agent management system"


@tool
def merge_pr(repo: str, number: int) -> str:
    """Merge a pull request."""
    raise AssertionError("the guard must stop this tool before it runs")


def _graph() -> Any:
    model = GenericFakeChatModel(messages=iter([
        AIMessage("", tool_calls=[
            {"name": "search", "args": {"query": "AMS"}, "id": "call-1"},
            {"name": "merge_pr", "args": {"repo": "acme/api", "number": 7}, "id": "call-2"},
        ], usage_metadata=USAGE, response_metadata=META),
        AIMessage("AMS is the agent management system; merging was refused.", usage_metadata=USAGE,
                  response_metadata=META),
    ]))  # fmt: skip

    def agent(state: MessagesState) -> dict[str, Any]:
        return {"messages": [model.invoke(state["messages"])]}

    def route(state: MessagesState) -> str:
        last = state["messages"][-1]
        return "tools" if isinstance(last, AIMessage) and last.tool_calls else END

    builder = StateGraph(MessagesState)
    builder.add_node("agent", agent)
    builder.add_node("tools", ToolNode([search, merge_pr], handle_tool_errors=True))
    builder.add_edge(START, "agent")
    builder.add_conditional_edges("agent", route, ["tools", END])
    builder.add_edge("tools", "agent")
    return builder.compile()


def test_a_langgraph_run_is_traced_with_nodes_llm_tokens_cost_tools_and_the_guard_denial(fleet: Fleet) -> None:
    agent, key = fleet.agent("langgraph")
    fleet.policy(agent["id"], {"id": "no-merges", "type": "tool_deny", "actions": ["github.merge_pr"]})
    ams_sdk.init(api_key=key, endpoint=fleet.server.url, version="2.0.0", heartbeat_interval_s=0,
                 kill_switch=False, set_global_tracer_provider=False)  # fmt: skip
    try:
        handler = AMSCallbackHandler(actions={"merge_pr": "github.merge_pr"})

        @ams_sdk.task(name="answer-question")
        def answer() -> tuple[str, list[Any]]:
            result = _graph().invoke({"messages": [("user", "What is AMS? Then merge PR 7.")]},
                                     config={"callbacks": [handler]})  # fmt: skip
            return ams_sdk.current_trace_id() or "", result["messages"]

        trace_id, messages = answer()
        assert ams_sdk.flush(10)
    finally:
        ams_sdk.shutdown()

    refusal = next(m for m in messages if isinstance(m, ToolMessage) and m.tool_call_id == "call-2")
    assert "no-merges" in str(refusal.content)  # the model saw why its tool call was refused

    detail = fleet.trace(trace_id, lambda spans: sum(s["kind"] == "guard" for s in spans) == 2)
    spans = spans_of(detail)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_kind.setdefault(span["kind"], []).append(span)

    root = detail["roots"][0]
    assert (root["name"], root["kind"], root["task_outcome"], root["agent_version"]) == (
        "answer-question",
        "task",
        "success",
        "2.0.0",
    )
    nodes = {s["attributes"].get("langgraph.node") for s in by_kind["chain"]}
    assert {"agent", "tools"} <= nodes

    llms = by_kind["llm"]
    assert len(llms) == 2
    for llm in llms:
        assert (llm["model"], llm["input_tokens"], llm["output_tokens"]) == ("gpt-4o-mini", 1200, 300)
        assert llm["cost_usd"] > 0  # priced by AMS from its table: 1,200 in and 300 out of gpt-4o-mini
    assert detail["input_tokens"] == 2400

    tools = {s["tool_name"]: s for s in by_kind["tool"]}
    assert tools["search"]["status"] == "ok"
    assert "agent management system" in (tools["search"]["output"] or "")
    denied = tools["github.merge_pr"]
    assert denied["status"] == "error"
    assert "denied" in denied["status_message"]

    guards = by_kind["guard"]
    decisions = {g["attributes"]["ams.guard.action"]: g for g in guards}
    assert decisions["search"]["attributes"]["ams.guard.decision"] == "allow"
    denial = decisions["github.merge_pr"]
    assert denial["attributes"]["ams.guard.decision"] == "deny"
    assert denial["parent_span_id"] == denied["span_id"]  # the decision sits under the tool call it judged
    reasons = denial["attributes"]["ams.guard.reasons"]
    assert reasons[0]["rule_id"] == "no-merges"
    assert reasons[0]["message"]


def test_a_denied_tool_in_a_graph_raises_action_denied_with_the_reasons(fleet: Fleet) -> None:
    """Without ToolNode's error handling the denial reaches the caller, and the function never ran."""
    agent, key = fleet.agent("langgraph-raise")
    fleet.policy(agent["id"], {"id": "no-merges", "type": "tool_deny", "actions": ["github.*"]})
    ams_sdk.init(api_key=key, endpoint=fleet.server.url, heartbeat_interval_s=0, kill_switch=False,
                 set_global_tracer_provider=False)  # fmt: skip
    try:
        handler = AMSCallbackHandler(actions={"merge_pr": "github.merge_pr"})
        with pytest.raises(ams_sdk.ActionDenied) as denied:
            merge_pr.invoke({"repo": "acme/api", "number": 7}, config={"callbacks": [handler]})
    finally:
        ams_sdk.shutdown()
    assert denied.value.action == "github.merge_pr"
    assert [r["rule_id"] for r in denied.value.reasons] == ["no-merges"]
