"""The bundled price table (`pricing_table.json`) and the parsing and checking of price entries, shared by the
table and by a tenant's overrides (GET/PUT /api/v1/pricing). Pure."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from ams.errors import InvalidInput
from ams.telemetry.pricing import (
    MAX_NAME_LENGTH,
    MAX_OVERRIDES,
    MAX_PATTERN_LENGTH,
    LongContextPrice,
    ModelPrice,
)


@dataclass(frozen=True, slots=True)
class PricingTable:
    as_of: str
    currency: str
    prices: tuple[ModelPrice, ...]


@cache
def load_bundled_table() -> PricingTable:
    """The table shipped in the package, read on first use and validated like a tenant's entries."""
    raw = json.loads(resources.files("ams.telemetry").joinpath("pricing_table.json").read_text(encoding="utf-8"))
    prices: list[ModelPrice] = []
    for index, entry in enumerate(raw["models"]):
        prices.extend(_expand_table_entry(entry, f"models[{index}]"))
    return PricingTable(as_of=raw["as_of"], currency=raw["currency"], prices=tuple(prices))


def bundled_prices() -> tuple[ModelPrice, ...]:
    return load_bundled_table().prices


def _expand_table_entry(entry: Mapping[str, Any], field: str) -> list[ModelPrice]:
    """A table row names a model once with its aliases and dated-variant regex; each becomes one `ModelPrice`."""
    tier = entry.get("long_context")
    base = {
        "provider": entry["provider"],
        "model": entry["model"],
        "input_per_mtok": entry["input"],
        "cached_input_per_mtok": entry["cached_input"],
        "output_per_mtok": entry["output"],
        "source": entry.get("source", ""),
        "long_context": None
        if tier is None
        else {
            "above_input_tokens": tier["above_input_tokens"],
            "input_per_mtok": tier["input"],
            "cached_input_per_mtok": tier["cached_input"],
            "output_per_mtok": tier["output"],
        },
    }
    rows = [{**base, "match": "exact", "pattern": name} for name in [entry["model"], *entry.get("aliases", [])]]
    if entry.get("pattern"):
        rows.append({**base, "match": "regex", "pattern": entry["pattern"]})
    return [model_price_from_dict(row, field=field) for row in rows]


_RATE_FIELDS = ("input_per_mtok", "cached_input_per_mtok", "output_per_mtok")


def model_price_to_dict(price: ModelPrice) -> dict[str, Any]:
    return asdict(price)


def model_price_from_dict(data: Mapping[str, Any], *, field: str = "") -> ModelPrice:
    """Parse and check one entry shaped like `model_price_to_dict`; errors name the field (`prices[2].pattern`)."""
    if not isinstance(data, Mapping):
        raise InvalidInput.on(field or "price", "must be an object")
    tier = data.get("long_context")
    if tier is not None and not isinstance(tier, Mapping):
        raise InvalidInput.on(_path(field, "long_context"), "must be an object or null")
    if data.get("match") == "regex" and not data.get("pattern"):
        raise InvalidInput.on(_path(field, "pattern"), "is required when match is regex")
    price = ModelPrice(
        provider=data.get("provider", ""),
        model=data.get("model"),  # type: ignore[arg-type]  # checked below, with the field named
        **{name: _as_float(data.get(name)) for name in _RATE_FIELDS},
        match=data.get("match", "exact"),
        pattern=data.get("pattern", ""),
        long_context=None
        if tier is None
        else LongContextPrice(
            above_input_tokens=tier.get("above_input_tokens"),  # type: ignore[arg-type]
            **{name: _as_float(tier.get(name)) for name in _RATE_FIELDS},
        ),
        source=data.get("source", ""),
    )
    return validate_model_price(price, field=field)


def validate_model_price(price: ModelPrice, *, field: str = "") -> ModelPrice:
    """Check one tenant entry and return it; raise `InvalidInput` naming the offending field."""
    _text(price.provider, _path(field, "provider"), allow_empty=True)
    _text(price.model, _path(field, "model"))
    _check_rates(price, field)
    if price.match not in ("exact", "regex"):
        raise InvalidInput.on(_path(field, "match"), 'must be "exact" or "regex"')
    pattern_field = _path(field, "pattern")
    _text(price.pattern, pattern_field, limit=MAX_PATTERN_LENGTH)
    if price.match == "regex":
        _check_regex(price.pattern, pattern_field)
    if price.long_context is not None:
        tier_field = _path(field, "long_context")
        threshold = price.long_context.above_input_tokens
        if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold <= 0:
            raise InvalidInput.on(_path(tier_field, "above_input_tokens"), "must be a positive integer")
        _check_rates(price.long_context, tier_field)
    _text(price.source, _path(field, "source"), allow_empty=True, limit=1000)
    return price


def validate_overrides(entries: Sequence[Mapping[str, Any] | ModelPrice], *, field: str = "prices") -> list[ModelPrice]:
    """A tenant's whole list (the body of PUT /api/v1/pricing), each entry parsed or checked."""
    if len(entries) > MAX_OVERRIDES:
        raise InvalidInput.on(field, f"at most {MAX_OVERRIDES} entries")
    return [
        validate_model_price(entry, field=f"{field}[{i}]")
        if isinstance(entry, ModelPrice)
        else model_price_from_dict(entry, field=f"{field}[{i}]")
        for i, entry in enumerate(entries)
    ]


def _path(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _text(value: Any, field: str, *, allow_empty: bool = False, limit: int = MAX_NAME_LENGTH) -> str:
    if not isinstance(value, str):
        raise InvalidInput.on(field, "must be a string")
    if not value.strip() and not allow_empty:
        raise InvalidInput.on(field, "must not be empty")
    if len(value) > limit:
        raise InvalidInput.on(field, f"must be at most {limit} characters")
    return value


def _as_float(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_rates(prices: ModelPrice | LongContextPrice, field: str) -> None:
    for name in _RATE_FIELDS:
        value = getattr(prices, name)
        if value is None and name == "cached_input_per_mtok":
            continue
        # bool is an int subclass; `true` is never a price.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput.on(_path(field, name), "must be a number")
        if not math.isfinite(value) or value < 0:
            raise InvalidInput.on(_path(field, name), "must be a finite number >= 0")


def _check_regex(pattern: str, field: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise InvalidInput.on(field, f"is not a valid regular expression: {exc}") from None
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        raise InvalidInput.on(field, "must not use backreferences")
    if _has_nested_quantifier(pattern):
        raise InvalidInput.on(
            field, "must not repeat a group that itself repeats, as in (a+)+ (catastrophic backtracking)"
        )


def _has_nested_quantifier(pattern: str) -> bool:
    """True when a group that repeats without bound contains a variable-length quantifier, as in (a+)+ or (a|b?)*:
    the shape behind catastrophic backtracking. Bounded repeats such as (\\d{2}){3} stay allowed."""
    stack: list[bool] = []  # per open group: does it contain a variable-length quantifier?
    last_group_varies = False  # the group that just closed did
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        brace = re.match(r"\{(\d*)(,?)(\d*)\}", pattern[i:]) if c == "{" else None
        unbounded = c in "*+" or bool(brace and brace.group(2) and not brace.group(3))
        varies = unbounded or (c == "?" and i > 0 and pattern[i - 1] != "(") or bool(brace and brace.group(2))
        if unbounded and last_group_varies:
            return True
        if varies and stack:
            stack[-1] = True
        last_group_varies = False
        if c == "\\":
            i += 2
            continue
        if c == "[":  # skip a character class: nothing inside it is a quantifier
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            stack.append(False)
        elif c == ")" and stack:
            last_group_varies = stack.pop()
            if last_group_varies and stack:
                stack[-1] = True
        i += 1
    return False
