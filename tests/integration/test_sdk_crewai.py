"""A CrewAI crew with a test model and real tools, traced into a real AMS through the SDK's instrumentation: the
crew, its task, its agent, the model calls with tokens, the tool calls, and the guard blocking a deny-listed tool.

The test model is a `BaseLLM` subclass that answers from a script and reports its calls on CrewAI's event bus as
CrewAI's own models do; nothing leaves the machine (CrewAI's telemetry and tracing are turned off)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
os.environ.setdefault("CREWAI_TRACING_ENABLED", "false")
os.environ.setdefault("CREWAI_DISABLE_VERSION_CHECK", "true")

from crewai import Agent, Crew, Task  # noqa: E402
from crewai.events.types.llm_events import LLMCallType  # noqa: E402
from crewai.llms.base_llm import BaseLLM, llm_call_context  # noqa: E402
from crewai.tools import tool  # noqa: E402

import ams_sdk  # noqa: E402
from ams_sdk.integrations.crewai import instrument  # noqa: E402
from tests.integration.conftest import start_server  # noqa: E402
from tests.integration.sdk_helpers import Fleet, admin_fleet, spans_of  # noqa: E402

# CrewAI warns about its own deprecated internals while building agents: not ours to fix.
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")]  # fmt: skip

SCRIPT = [
    'Thought: I should look it up.\nAction: lookup\nAction Input: {"query": "AMS"}',
    'Thought: Now merge the fix.\nAction: merge_pr\nAction Input: {"repo": "acme/api", "number": 7}',
    "Thought: Merging was refused; I have the answer.\nFinal Answer: AMS is the agent management system.",
]
merged: list[int] = []


class ScriptedLLM(BaseLLM):
    """Answers from SCRIPT, one line per call, reporting each call and its usage on CrewAI's event bus."""

    calls: int = 0

    def call(self, messages: Any, tools: Any = None, callbacks: Any = None, available_functions: Any = None,
             from_task: Any = None, from_agent: Any = None, response_model: Any = None) -> str:  # fmt: skip
        with llm_call_context():
            self._emit_call_started_event(messages=messages, from_task=from_task, from_agent=from_agent)
            answer = SCRIPT[min(self.calls, len(SCRIPT) - 1)]
            self.calls += 1
            self._emit_call_completed_event(
                response=answer, call_type=LLMCallType.LLM_CALL, from_task=from_task, from_agent=from_agent,
                messages=messages, usage={"prompt_tokens": 800, "completion_tokens": 60, "total_tokens": 860},
            )  # fmt: skip
        return answer

    def supports_function_calling(self) -> bool:
        return False


@tool("lookup")
def lookup(query: str) -> str:
    """Look a subject up in the docs."""
    return f"{query} is the agent management system"


@tool("merge_pr")
def merge_pr(repo: str, number: int) -> str:
    """Merge a pull request."""
    merged.append(number)
    return "merged"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    server = start_server(tmp_path_factory.mktemp("sdk-crewai"), None)
    fleet = admin_fleet(server)
    yield fleet
    fleet.close()


def test_a_crew_is_traced_with_its_task_agent_model_calls_and_tools_and_the_guard_blocks_a_tool(
    fleet: Fleet,
) -> None:
    agent, key = fleet.agent("crew")
    fleet.policy(agent["id"], {"id": "no-merges", "type": "tool_deny", "actions": ["github.merge_pr"]})
    ams_sdk.init(api_key=key, endpoint=fleet.server.url, heartbeat_interval_s=0, kill_switch=False,
                 set_global_tracer_provider=False)  # fmt: skip
    instrumented = instrument(actions={"merge_pr": "github.merge_pr"})
    try:
        researcher = Agent(role="researcher", goal="answer questions", backstory="knows AMS",
                           llm=ScriptedLLM(model="gpt-4o-mini"), tools=[lookup, merge_pr])  # fmt: skip
        question = Task(description="What is AMS?", expected_output="one line", agent=researcher)

        @ams_sdk.task(name="crew-run")
        def run() -> tuple[str, str]:
            output = Crew(agents=[researcher], tasks=[question]).kickoff()
            return ams_sdk.current_trace_id() or "", str(output)

        trace_id, answer = run()
        from crewai.events import crewai_event_bus

        crewai_event_bus.flush()
        assert ams_sdk.flush(10)
    finally:
        instrumented.uninstrument()
        ams_sdk.shutdown()

    assert answer == "AMS is the agent management system."
    assert merged == []  # the guard blocked the deny-listed tool before it ran

    def complete(spans: list[dict[str, Any]]) -> bool:
        return any(s["kind"] == "guard" and s["attributes"]["ams.guard.decision"] == "deny" for s in spans)

    spans = spans_of(fleet.trace(trace_id, complete))
    names = [s["name"] for s in spans]
    assert names[0] == "crew-run"
    assert "crew crew" in names
    assert any(n.startswith("task What is AMS?") for n in names)
    assert "agent researcher" in names
    llms = [s for s in spans if s["kind"] == "llm"]
    assert len(llms) == 3
    assert all((s["model"], s["input_tokens"], s["output_tokens"]) == ("gpt-4o-mini", 800, 60) for s in llms)
    assert all(s["cost_usd"] > 0 for s in llms)
    tools = [s for s in spans if s["kind"] == "tool"]
    assert [t["tool_name"] for t in tools] == ["lookup"]
    assert "agent management system" in (tools[0]["output"] or "")
    denial = next(s for s in spans if s["kind"] == "guard" and s["attributes"]["ams.guard.decision"] == "deny")
    assert denial["attributes"]["ams.guard.action"] == "github.merge_pr"
    assert denial["attributes"]["ams.guard.reasons"][0]["rule_id"] == "no-merges"
    agent_span = next(s for s in spans if s["name"] == "agent researcher")
    by_id = {s["span_id"]: s["name"] for s in spans}
    assert denial["parent_span_id"] == agent_span["span_id"], by_id.get(denial["parent_span_id"])
