import pytest

from ams.telemetry.semconv import (
    COLUMN_ATTRIBUTES,
    MAPPED_COLUMNS,
    NO_RESOURCE,
    map_resource,
    map_span,
    truncate_payload,
)


def mapped(attributes: dict, resource: dict | None = None, max_payload_chars: int = 1000) -> tuple[dict, dict]:
    """The mapped columns by name, and the attributes left for the `attributes` column."""
    left = dict(attributes)
    mapping = map_resource(dict(resource)) if resource is not None else NO_RESOURCE
    return dict(zip(MAPPED_COLUMNS, map_span(left, mapping, max_payload_chars), strict=True)), left


def test_gen_ai_current_names_fill_their_columns_and_leave_the_attributes():
    columns, left = mapped(
        {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.response.model": "gpt-4o-2024-08-06",
            "gen_ai.usage.input_tokens": 120,
            "gen_ai.usage.output_tokens": 30,
            "gen_ai.usage.cache_read.input_tokens": 100,
            "gen_ai.conversation.id": "conv-1",
            "gen_ai.input.messages": '[{"role": "user"}]',
            "gen_ai.output.messages": '[{"role": "assistant"}]',
            "gen_ai.request.temperature": 0.2,
        }
    )
    assert columns["kind"] == "llm" and columns["operation"] == "chat"
    assert (columns["provider"], columns["model"]) == ("openai", "gpt-4o-2024-08-06")
    assert (columns["input_tokens"], columns["output_tokens"], columns["cached_input_tokens"]) == (120, 30, 100)
    assert columns["session_id"] == "conv-1"
    assert (columns["input"], columns["output"]) == ('[{"role": "user"}]', '[{"role": "assistant"}]')
    # what no column holds stays, including the request model that lost to the response model
    assert left == {"gen_ai.request.model": "gpt-4o", "gen_ai.request.temperature": 0.2}


def test_gen_ai_deprecated_names_are_read_and_current_names_win_over_them():
    deprecated = {
        "gen_ai.system": "anthropic",
        "gen_ai.request.model": "claude-sonnet-4-5",
        "gen_ai.usage.prompt_tokens": 10,
        "gen_ai.usage.completion_tokens": 5,
        "gen_ai.usage.cache_read_input_tokens": 4,
        "gen_ai.prompt": "hello",
        "gen_ai.completion": "hi",
    }
    columns, left = mapped(deprecated)
    assert (columns["provider"], columns["model"], columns["kind"]) == ("anthropic", "claude-sonnet-4-5", "llm")
    assert (columns["input_tokens"], columns["output_tokens"], columns["cached_input_tokens"]) == (10, 5, 4)
    assert (columns["input"], columns["output"]) == ("hello", "hi")
    assert left == {}
    both, left = mapped({**deprecated, "gen_ai.provider.name": "aws.bedrock", "gen_ai.usage.input_tokens": 11})
    assert (both["provider"], both["input_tokens"]) == ("aws.bedrock", 11)
    assert left == {"gen_ai.system": "anthropic", "gen_ai.usage.prompt_tokens": 10}


@pytest.mark.parametrize(
    ("openinference_kind", "kind"),
    [
        ("LLM", "llm"),
        ("CHAIN", "chain"),
        ("TOOL", "tool"),
        ("AGENT", "agent"),
        ("RETRIEVER", "retriever"),
        ("EMBEDDING", "embedding"),
        ("RERANKER", "other"),
        ("GUARDRAIL", "guard"),
        ("EVALUATOR", "other"),
        ("llm", "llm"),
    ],
)
def test_openinference_span_kinds(openinference_kind, kind):
    columns, left = mapped({"openinference.span.kind": openinference_kind})
    assert columns["kind"] == kind and left == {}


def test_openinference_attributes_fill_their_columns():
    columns, left = mapped(
        {
            "openinference.span.kind": "LLM",
            "llm.model_name": "gpt-4o-mini",
            "llm.provider": "openai",
            "llm.system": "openai-sdk",
            "llm.token_count.prompt": 50,
            "llm.token_count.completion": 7,
            "llm.token_count.prompt_details.cache_read": 20,
            "llm.cost.total": 0.0012,
            "session.id": "s-9",
            "input.value": "question",
            "output.value": "answer",
            "input.mime_type": "text/plain",
        }
    )
    assert (columns["provider"], columns["model"], columns["kind"]) == ("openai", "gpt-4o-mini", "llm")
    assert (columns["input_tokens"], columns["output_tokens"], columns["cached_input_tokens"]) == (50, 7, 20)
    assert (columns["cost_usd"], columns["session_id"]) == (0.0012, "s-9")
    assert (columns["input"], columns["output"]) == ("question", "answer")
    assert left == {"llm.system": "openai-sdk", "input.mime_type": "text/plain"}
    tool, _ = mapped({"openinference.span.kind": "TOOL", "tool.name": "search"})
    assert (tool["kind"], tool["tool_name"]) == ("tool", "search")
    assert mapped({"llm.system": "anthropic"})[0]["provider"] == "anthropic"


def test_ams_attributes():
    columns, left = mapped(
        {
            "ams.agent.id": "agt_1",
            "ams.agent.version": "2.0.1",
            "ams.task.outcome": "Escalated",
            "ams.human_intervention": True,
            "ams.span.kind": "task",
            "openinference.span.kind": "CHAIN",
            "ams.cost_usd": 0.5,
            "gen_ai.usage.cost": 0.4,
            "ams.session.id": "ams-session",
            "gen_ai.conversation.id": "conv",
        }
    )
    assert (columns["agent_ref"], columns["agent_version"]) == ("agt_1", "2.0.1")
    assert (columns["task_outcome"], columns["human_intervention"], columns["kind"]) == ("escalated", 1, "task")
    assert (columns["cost_usd"], columns["session_id"]) == (0.5, "ams-session")
    # agent identity is no column: it stays; the losing alternatives stay too
    assert left == {
        "ams.agent.id": "agt_1",
        "openinference.span.kind": "CHAIN",
        "gen_ai.usage.cost": 0.4,
        "gen_ai.conversation.id": "conv",
    }
    assert mapped({"gen_ai.usage.cost": "0.25"})[0]["cost_usd"] == 0.25
    assert mapped({})[0]["cost_usd"] is None


@pytest.mark.parametrize(
    ("value", "flag"), [(True, 1), (False, 0), ("true", 1), ("no", 0), (1, 1), (0, 0), ("maybe", 0)]
)
def test_human_intervention_values(value, flag):
    assert mapped({"ams.human_intervention": value})[0]["human_intervention"] == flag


def test_unreadable_task_outcome_and_kind_are_ignored_and_kept():
    columns, left = mapped({"ams.task.outcome": "great", "ams.span.kind": "wizard", "ams.human_intervention": "?"})
    assert (columns["task_outcome"], columns["kind"], columns["human_intervention"]) == ("", "other", 0)
    assert left == {"ams.task.outcome": "great", "ams.span.kind": "wizard", "ams.human_intervention": "?"}


@pytest.mark.parametrize(
    ("attributes", "resource", "ref"),
    [
        ({"ams.agent.id": "a", "gen_ai.agent.id": "b", "gen_ai.agent.name": "c"}, {"service.name": "d"}, "a"),
        ({"gen_ai.agent.id": "b", "gen_ai.agent.name": "c"}, {"service.name": "d"}, "b"),
        ({"gen_ai.agent.name": "c"}, {"service.name": "d"}, "c"),
        ({}, {"service.name": "d"}, "d"),
        ({}, {"service.name": "unknown_service"}, ""),
        ({}, {"service.name": "unknown_service:python3"}, ""),
        ({}, None, ""),
        # the resource's attributes merged under the span's: a better-ranked resource attribute wins...
        ({"gen_ai.agent.name": "sub-agent"}, {"ams.agent.id": "agt_registered"}, "agt_registered"),
        # ...and the span's wins on the same attribute
        ({"ams.agent.id": "span"}, {"ams.agent.id": "resource"}, "span"),
    ],
)
def test_agent_identity_precedence(attributes, resource, ref):
    assert mapped(attributes, resource)[0]["agent_ref"] == ref


@pytest.mark.parametrize(
    ("operation", "kind"),
    [
        ("chat", "llm"),
        ("text_completion", "llm"),
        ("generate_content", "llm"),
        ("embeddings", "embedding"),
        ("execute_tool", "tool"),
        ("invoke_agent", "agent"),
        ("create_agent", "agent"),
        ("something_new", "other"),
    ],
)
def test_kind_from_gen_ai_operation(operation, kind):
    columns, _ = mapped({"gen_ai.operation.name": operation})
    assert (columns["kind"], columns["operation"]) == (kind, operation)


def test_kind_precedence_and_defaults():
    # explicit AMS kind > OpenInference > GenAI operation
    assert mapped({"ams.span.kind": "GUARD", "openinference.span.kind": "LLM"})[0]["kind"] == "guard"
    assert mapped({"openinference.span.kind": "AGENT", "gen_ai.operation.name": "chat"})[0]["kind"] == "agent"
    # with none of them: a model with tokens is an LLM call, a tool name a tool call, anything else "other"
    assert mapped({"llm.model_name": "m", "gen_ai.usage.output_tokens": 3})[0]["kind"] == "llm"
    assert mapped({"gen_ai.tool.name": "grep"})[0]["kind"] == "tool"
    assert mapped({"llm.model_name": "m", "gen_ai.tool.name": "grep", "llm.token_count.prompt": 1})[0]["kind"] == "llm"
    assert mapped({"llm.model_name": "m"})[0]["kind"] == "other"
    assert mapped({"http.method": "GET"})[0]["kind"] == "other"


@pytest.mark.parametrize(
    ("value", "count", "kept"),
    [
        (12, 12, False),
        ("12", 12, False),
        (" 7 ", 7, False),
        (12.9, 12, False),
        ("3.5", 3, False),
        (-4, 0, False),
        ("-4", 0, False),
        (0, 0, False),
        ("many", 0, True),
        (float("nan"), 0, True),
        (True, 0, True),
        ([1, 2], 0, True),
        (None, 0, True),
    ],
)
def test_token_counts_are_coerced_and_garbage_is_ignored(value, count, kept):
    columns, left = mapped({"gen_ai.usage.input_tokens": value})
    assert columns["input_tokens"] == count
    assert ("gen_ai.usage.input_tokens" in left) is kept


def test_garbage_falls_through_to_the_next_name():
    columns, left = mapped({"gen_ai.usage.input_tokens": "lots", "gen_ai.usage.prompt_tokens": 9, "llm.cost.total": -1})
    assert (columns["input_tokens"], columns["cost_usd"]) == (9, None)
    assert left == {"gen_ai.usage.input_tokens": "lots", "llm.cost.total": -1}


def test_non_string_values_of_text_columns():
    columns, left = mapped({"gen_ai.request.model": 4, "gen_ai.input.messages": [{"role": "user", "content": "hi"}]})
    assert columns["model"] == "4"
    assert columns["input"] == '[{"role":"user","content":"hi"}]'
    empty, left = mapped({"gen_ai.response.model": "", "gen_ai.request.model": "gpt-4o"})
    assert empty["model"] == "gpt-4o" and left == {"gen_ai.response.model": ""}


def test_payloads_are_truncated_with_a_mark():
    columns, _ = mapped({"input.value": "x" * 25, "output.value": "y" * 10}, max_payload_chars=10)
    assert columns["input"] == "x" * 10 + "…[truncated 15 chars]"
    assert columns["output"] == "y" * 10
    assert truncate_payload("abc", 3) == "abc"


def test_resource_attributes_fill_what_the_span_leaves_empty():
    resource = {"service.name": "svc", "service.version": "1.2", "gen_ai.system": "openai", "host.name": "h"}
    columns, left = mapped({"gen_ai.request.model": "gpt-4o"}, resource)
    assert (columns["agent_ref"], columns["agent_version"], columns["provider"]) == ("svc", "1.2", "openai")
    assert left == {}
    # a span's own value wins; the resource attribute it displaced goes back to the span's attributes
    columns, left = mapped({"ams.agent.version": "2.0", "gen_ai.provider.name": "azure"}, resource)
    assert (columns["agent_version"], columns["provider"]) == ("2.0", "azure")
    assert left == {"service.version": "1.2", "gen_ai.system": "openai"}


def test_map_resource_removes_what_it_mapped():
    resource = {"service.name": "svc", "ams.agent.version": "3", "deployment.environment": "prod"}
    map_resource(resource)
    assert resource == {"service.name": "svc", "deployment.environment": "prod"}


def test_every_column_attribute_is_mapped_once():
    names = [name for names in COLUMN_ATTRIBUTES.values() for name in names]
    assert len(names) == len(set(names))
