"""Which span attributes fill which span columns: OpenTelemetry GenAI (current and deprecated names),
OpenInference, and AMS's own `ams.*`.

Each column lists the attributes that can fill it, best first; the first one present with a usable value wins and
leaves the attribute map, so that `attributes` keeps only what no column holds (a losing alternative, such as the
request model beside the response model, stays there). A value that cannot be read for its column (a token count
of "many") fills nothing and stays in the attributes; it never rejects the span. Counts given as strings or floats
are read, negative counts are 0; text columns take any scalar, and arrays or maps as JSON.

The resource's attributes count as merged under the span's: a span attribute wins over a resource attribute of the
same name or of a lower rank. The agent (`agent_ref`, not a column: its attributes stay) is `ams.agent.id`, else
`gen_ai.agent.id`, else `gen_ai.agent.name`, else `service.name` unless it is OpenTelemetry's `unknown_service`.
The kind is `ams.span.kind`, else `openinference.span.kind`, else what `gen_ai.operation.name` implies, else
`span_kind`'s guess.

To map a new attribute, add its name to the column's tuple in `COLUMN_ATTRIBUTES`, at its rank.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import orjson

from ams.telemetry.spans import SpanKind, TaskOutcome

COLUMN_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "provider": ("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"),
    "model": ("gen_ai.response.model", "gen_ai.request.model", "llm.model_name"),
    "operation": ("gen_ai.operation.name",),
    "tool_name": ("gen_ai.tool.name", "tool.name"),
    "session_id": ("ams.session.id", "gen_ai.conversation.id", "session.id"),
    # service.version last: the agent's version when the service itself is the agent
    "agent_version": ("ams.agent.version", "gen_ai.agent.version", "service.version"),
    "input_tokens": ("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"),
    "output_tokens": ("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"),
    "cached_input_tokens": (
        "gen_ai.usage.cache_read.input_tokens",  # current GenAI name
        "gen_ai.usage.cache_read_input_tokens",  # its deprecated spelling
        "gen_ai.usage.cached_tokens",
        "llm.token_count.prompt_details.cache_read",  # OpenInference
    ),
    # gen_ai.usage.cost is OpenLIT's, llm.cost.total OpenInference's; neither is in the GenAI conventions
    "cost_usd": ("ams.cost_usd", "gen_ai.usage.cost", "llm.cost.total"),
    "task_outcome": ("ams.task.outcome",),
    "human_intervention": ("ams.human_intervention",),
    "input": ("input.value", "gen_ai.input.messages", "gen_ai.prompt"),
    "output": ("output.value", "gen_ai.output.messages", "gen_ai.completion"),
    # an explicit AMS kind, else the OpenInference kind; failing both, `span_kind` derives one
    "kind": ("ams.span.kind", "openinference.span.kind"),
}

# The agent as the span names it (`SpanBatch.agent_ref`). These stay in `attributes`: agent_ref is not a column.
AGENT_REF_ATTRIBUTES = ("ams.agent.id", "gen_ai.agent.id", "gen_ai.agent.name", "service.name")
# OpenTelemetry SDKs name a service "unknown_service" or "unknown_service:<process>" when none was configured.
UNKNOWN_SERVICE_PREFIX = "unknown_service"

OPENINFERENCE_KINDS: dict[str, SpanKind] = {
    "LLM": SpanKind.LLM,
    "CHAIN": SpanKind.CHAIN,
    "TOOL": SpanKind.TOOL,
    "AGENT": SpanKind.AGENT,
    "RETRIEVER": SpanKind.RETRIEVER,
    "EMBEDDING": SpanKind.EMBEDDING,
    "GUARDRAIL": SpanKind.GUARD,
    "RERANKER": SpanKind.OTHER,
    "EVALUATOR": SpanKind.OTHER,
    "PROMPT": SpanKind.OTHER,
}

GEN_AI_OPERATION_KINDS: dict[str, SpanKind] = {
    "chat": SpanKind.LLM,
    "text_completion": SpanKind.LLM,
    "generate_content": SpanKind.LLM,
    "embeddings": SpanKind.EMBEDDING,
    "execute_tool": SpanKind.TOOL,
    "invoke_agent": SpanKind.AGENT,
    "create_agent": SpanKind.AGENT,
}

_UINT64_MAX = 2**64 - 1
_TRUE = frozenset(("true", "1", "yes"))
_FALSE = frozenset(("false", "0", "no"))
_KINDS = {k.value: k.value for k in SpanKind}
_OUTCOMES = {o.value: o.value for o in TaskOutcome}
_OPENINFERENCE_KINDS = {name: kind.value for name, kind in OPENINFERENCE_KINDS.items()}
_OPERATION_KINDS = {name: kind.value for name, kind in GEN_AI_OPERATION_KINDS.items()}


def truncate_payload(text: str, max_chars: int) -> str:
    """`text` cut to `max_chars`, saying how much was cut."""
    if len(text) <= max_chars:
        return text
    return f"{text[:max_chars]}…[truncated {len(text) - max_chars} chars]"


def _text(value: Any) -> str | None:
    if type(value) is str:
        return value or None
    if value is None:
        return None
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _count(value: Any) -> int | None:
    if type(value) is not int:
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            try:
                value = float(value) if "." in value or "e" in value.lower() else int(value)
            except ValueError:
                return None
        if isinstance(value, float):
            if not math.isfinite(value):
                return None
            value = int(value)
        elif type(value) is not int:
            return None
    return 0 if value < 0 else min(value, _UINT64_MAX)


def _cost(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        cost = float(value)
    except (TypeError, ValueError):
        return None
    return cost if math.isfinite(cost) and cost >= 0 else None


def _flag(value: Any) -> int | None:
    if isinstance(value, bool | int):
        return 1 if value else 0
    if isinstance(value, str):
        lowered = value.strip().lower()
        return 1 if lowered in _TRUE else 0 if lowered in _FALSE else None
    return None


def _outcome(value: Any) -> str | None:
    return _OUTCOMES.get(value.strip().lower()) if isinstance(value, str) else None


def _kind(value: Any) -> str | None:
    """One of our kinds (any case), else an OpenInference kind."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return _KINDS.get(value.lower()) or _OPENINFERENCE_KINDS.get(value.upper())


def _agent_name(value: Any) -> str | None:
    return value if type(value) is str and value and not value.startswith(UNKNOWN_SERVICE_PREFIX) else None


_COERCE: dict[str, Callable[[Any], Any]] = {
    "agent_ref": _agent_name,
    "provider": _text,
    "model": _text,
    "operation": _text,
    "tool_name": _text,
    "session_id": _text,
    "agent_version": _text,
    "input_tokens": _count,
    "output_tokens": _count,
    "cached_input_tokens": _count,
    "cost_usd": _cost,
    "task_outcome": _outcome,
    "human_intervention": _flag,
    "input": _text,
    "output": _text,
    "kind": _kind,
}


class _Never:
    """The type of no attribute value: the fields whose values always go through their coercion."""


# The columns `map_span` returns, in order.
MAPPED_COLUMNS = (
    "agent_ref", "agent_version", "session_id", "kind", "provider", "model", "operation", "tool_name",
    "input_tokens", "output_tokens", "cached_input_tokens", "cost_usd", "task_outcome", "human_intervention",
    "input", "output",
)  # fmt: skip
_DEFAULTS = ("", "", "", None, "", "", "", "", 0, 0, 0, None, "", 0, "", "")  # kind None: derived when unset
_KIND, _MODEL, _OPERATION, _TOOL_NAME, _INPUT_TOKENS, _OUTPUT_TOKENS, _INPUT, _OUTPUT = map(
    MAPPED_COLUMNS.index,
    ("kind", "model", "operation", "tool_name", "input_tokens", "output_tokens", "input", "output"),
)
_SOURCES = {"agent_ref": AGENT_REF_ATTRIBUTES, **COLUMN_ATTRIBUTES}
# attribute -> its column's index in MAPPED_COLUMNS, and its precedence within the column
_ROUTE = {
    name: (index, rank) for index, column in enumerate(MAPPED_COLUMNS) for rank, name in enumerate(_SOURCES[column])
}
_MAPPED = frozenset(_ROUTE)
_UNRANKED = 64
# per column: its coercion; the type and floor of the values that need none (a non-empty str for text, a positive
# int for counts); whether the attribute used leaves the attributes (agent_ref is no column: its source stays)
_RULES = tuple(
    (
        _COERCE[column],
        str if _COERCE[column] is _text else int if _COERCE[column] is _count else _Never,
        "" if _COERCE[column] is _text else 0,
        column != "agent_ref",
    )
    for column in MAPPED_COLUMNS
)
_MAX_PLANS = 4096

# A plan is what to do for spans with a given tuple of attribute keys: per column it fills, the best attribute
# present, how to read it, the next ones to try when its value is unusable, and the resource attribute to give back
# to the span's attributes when the span's own value displaces it. Instrumentations send the same keys span after
# span, so a plan is made once per key tuple (and resource), and the span's work is a short loop.
_Step = tuple[int, str, Callable[[Any], Any], type, Any, bool, tuple[str, ...], "tuple[str, Any] | None"]
_Plan = tuple[_Step, ...]
# key tuple -> per column it can fill: (column index, the attributes present for it, best first)
_CANDIDATES: dict[tuple[str, ...], tuple[tuple[int, tuple[str, ...]], ...]] = {}


def _candidates(keys: tuple[str, ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    found = _CANDIDATES.get(keys)
    if found is None:
        by_column: dict[int, list[tuple[int, str]]] = {}
        for name in _MAPPED.intersection(keys):
            index, rank = _ROUTE[name]
            by_column.setdefault(index, []).append((rank, name))
        found = tuple((index, tuple(name for _, name in sorted(names))) for index, names in sorted(by_column.items()))
        if len(_CANDIDATES) >= _MAX_PLANS:
            _CANDIDATES.clear()
        _CANDIDATES[keys] = found
    return found


class ResourceMapping:
    """The columns a resource's attributes fill, for its spans to fall back on, with the precedence of the attribute
    that filled each: a span's attribute beats it when it ranks as high or higher, as if the span's attributes were
    merged over the resource's. `consumed` keeps the resource attributes that filled a column, for a span that
    fills the column itself to give them back to its attributes."""

    __slots__ = ("consumed", "plans", "ranks", "values")

    def __init__(self, values: tuple[Any, ...], ranks: tuple[int, ...], consumed: dict[int, tuple[str, Any]]) -> None:
        self.values = values
        self.ranks = ranks
        self.consumed = consumed
        self.plans: dict[tuple[str, ...], _Plan] = {}

    def plan(self, keys: tuple[str, ...]) -> _Plan:
        steps = []
        for index, present in _candidates(keys):
            names = tuple(name for name in present if _ROUTE[name][1] <= self.ranks[index])
            if names:
                back = self.consumed.get(index)
                if back is not None and back[0] in keys:  # the span's attribute of that name hides the resource's
                    back = None
                steps.append((index, names[0], *_RULES[index], names[1:], back))
        plan = tuple(steps)
        if len(self.plans) >= _MAX_PLANS:
            self.plans.clear()
        self.plans[keys] = plan
        return plan


NO_RESOURCE = ResourceMapping(_DEFAULTS, (_UNRANKED,) * len(MAPPED_COLUMNS), {})


def map_resource(attributes: dict[str, Any]) -> ResourceMapping:
    """The columns a resource's attributes fill; those that filled a column are removed from `attributes`."""
    values = list(_DEFAULTS)
    ranks = list(NO_RESOURCE.ranks)
    consumed: dict[int, tuple[str, Any]] = {}
    for index, names in _candidates(tuple(attributes)):
        coerce, _ready, _floor, consume = _RULES[index]
        for name in names:
            raw = attributes[name]
            value = coerce(raw)
            if value is not None:
                values[index], ranks[index] = value, _ROUTE[name][1]
                if consume:
                    consumed[index] = (name, raw)
                    del attributes[name]
                break
    return ResourceMapping(tuple(values), tuple(ranks), consumed)


def span_kind(operation: str, model: str, tokens: int, tool_name: str) -> str:
    """The kind of a span that states none (neither `ams.span.kind` nor `openinference.span.kind`): the one its
    GenAI operation implies; failing that an LLM call when it names a model and used tokens, a tool call when it
    names a tool, else `other`."""
    kind = _OPERATION_KINDS.get(operation)
    if kind:
        return kind
    if model and tokens:
        return SpanKind.LLM.value
    if tool_name:
        return SpanKind.TOOL.value
    return SpanKind.OTHER.value


def map_span(attributes: dict[str, Any], resource: ResourceMapping, max_payload_chars: int) -> list[Any]:
    """The columns of `MAPPED_COLUMNS` for a span with these attributes, falling back on its resource's values
    column by column. The attributes that filled a column leave `attributes`, which keeps the rest."""
    keys = tuple(attributes)
    plan = resource.plans.get(keys)
    if plan is None:
        plan = resource.plan(keys)
    values = list(resource.values)
    for index, name, coerce, ready, floor, consume, others, back in plan:
        value = attributes[name]
        if type(value) is not ready or value <= floor:
            value = coerce(value)
            if value is None:
                name, value = _usable(attributes, others, coerce)
                if value is None:
                    continue
        values[index] = value
        if consume:
            del attributes[name]
        if back is not None:
            attributes[back[0]] = back[1]
    if values[_KIND] is None:
        values[_KIND] = _OPERATION_KINDS.get(values[_OPERATION]) or span_kind(
            values[_OPERATION], values[_MODEL], values[_INPUT_TOKENS] + values[_OUTPUT_TOKENS], values[_TOOL_NAME]
        )
    if len(values[_INPUT]) > max_payload_chars:
        values[_INPUT] = truncate_payload(values[_INPUT], max_payload_chars)
    if len(values[_OUTPUT]) > max_payload_chars:
        values[_OUTPUT] = truncate_payload(values[_OUTPUT], max_payload_chars)
    return values


def _usable(attributes: dict[str, Any], names: tuple[str, ...], coerce: Callable[[Any], Any]) -> tuple[str, Any]:
    for name in names:
        value = coerce(attributes[name])
        if value is not None:
            return name, value
    return "", None
