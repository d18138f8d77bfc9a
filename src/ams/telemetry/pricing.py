"""Model prices and span cost (DESIGN §4): the cost a span carries wins, else it is computed from a price table
shipped with the package (`pricing_table.json`), which a tenant may override and extend with custom models.

Pure code: no database, no HTTP. `price_columns` is what the ingest pipeline calls once per batch; `PriceBook.lookup`
answers repeated (provider, model) pairs from a bounded dict, so the regex scan only runs on the first sighting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from ams.telemetry.spans import CostSource

MatchKind = Literal["exact", "regex"]

MAX_PATTERN_LENGTH = 200
MAX_NAME_LENGTH = 200
MAX_OVERRIDES = 500  # a lookup miss scans every override regex, so a tenant's list stays bounded
_LOOKUP_CACHE_SIZE = 4096  # distinct (provider, model) pairs; model names come from clients, so bound the dict
_MAX_LOOKUP_NAME = 256  # longer "model names" are client noise: unpriced, neither regex-scanned nor cached
_TOKENS_PER_UNIT = 1_000_000.0

_SOURCE_SPAN = CostSource.SPAN.value
_SOURCE_PRICING = CostSource.PRICING.value
_SOURCE_UNPRICED = CostSource.UNPRICED.value
_SOURCE_NONE = CostSource.NONE.value


@dataclass(frozen=True, slots=True)
class LongContextPrice:
    """Rates that replace the base rates for a whole request whose input exceeds `above_input_tokens`
    (OpenAI above 272K, Gemini Pro above 200K, Claude Haiku 5.5 above 100K)."""

    above_input_tokens: int
    input_per_mtok: float
    cached_input_per_mtok: float | None
    output_per_mtok: float


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """USD per million tokens for one model. `pattern` is the exact name (default: `model`) or a full-match regex,
    both compared case-insensitively with the model name as `normalize_model` leaves it (provider prefix, Bedrock
    and Vertex spellings removed). `provider` "" applies to any provider."""

    provider: str
    model: str
    input_per_mtok: float
    cached_input_per_mtok: float | None
    output_per_mtok: float
    match: MatchKind = "exact"
    pattern: str = ""
    long_context: LongContextPrice | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if not self.pattern:
            object.__setattr__(self, "pattern", self.model)


def cost_usd(price: ModelPrice, input_tokens: int, output_tokens: int, cached_input_tokens: int = 0) -> float:
    """Cost of one call. Cached input tokens are part of `input_tokens`, billed at the cached rate when there is one."""
    # Conditional expressions rather than min/max: this runs once per span on the ingest path.
    tokens_in = input_tokens if input_tokens > 0 else 0
    cached = (
        cached_input_tokens if 0 < cached_input_tokens <= tokens_in else (tokens_in if cached_input_tokens > 0 else 0)
    )
    tier = price.long_context
    if tier is not None and tokens_in > tier.above_input_tokens:
        rate_in, rate_cached, rate_out = tier.input_per_mtok, tier.cached_input_per_mtok, tier.output_per_mtok
    else:
        rate_in, rate_cached, rate_out = price.input_per_mtok, price.cached_input_per_mtok, price.output_per_mtok
    if rate_cached is None:
        rate_cached = rate_in
    tokens_out = output_tokens if output_tokens > 0 else 0
    return ((tokens_in - cached) * rate_in + cached * rate_cached + tokens_out * rate_out) / _TOKENS_PER_UNIT


# Provider spellings across OTel GenAI (`gen_ai.provider.name`, older `gen_ai.system`), OpenInference and SDKs.
# Resellers (Bedrock, Azure, OpenRouter) are left as they are: their spans fall back to the model's own entry.
_PROVIDER_ALIASES = {
    "gemini": "google", "gcp.gemini": "google", "gcp.gen_ai": "google", "gcp.vertex_ai": "google",
    "vertex_ai": "google", "vertexai": "google", "google_genai": "google", "google-genai": "google",
    "google_ai_studio": "google", "mistralai": "mistral", "mistral_ai": "mistral", "x_ai": "xai", "x-ai": "xai",
}  # fmt: skip
_KNOWN_PROVIDERS = frozenset({"openai", "anthropic", "google", "xai", "groq", "mistral", "deepseek", "meta"})

# Bedrock ids: "[region.]vendor.model[-vN[:M]]", e.g. "us.anthropic.claude-sonnet-4-5-20250929-v1:0".
_BEDROCK_ID = re.compile(
    r"(?:(?:us|eu|apac|au|ca|jp|us-gov|global)\.)?"
    r"(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai|qwen|writer)\.(.+?)(?:-v\d+(?::\d+)?)?"
)
_TRAILING_TAG = re.compile(r"\[[^\]]*\]$")  # "claude-sonnet-4-5[1m]": a context-window tag, not another model


def canonical_provider(provider: str) -> str:
    p = provider.strip().lower()
    return _PROVIDER_ALIASES.get(p, p)


def normalize_model(model: str) -> tuple[str, str]:
    """(provider named by a prefix or "", model name as the table spells it)."""
    name = model.strip().lower()
    hint = ""
    if "/" in name:
        head, _, name = name.rpartition("/")
        first = canonical_provider(head.split("/", 1)[0])
        hint = first if first in _KNOWN_PROVIDERS else ""
    name = _TRAILING_TAG.sub("", name)
    bedrock = _BEDROCK_ID.fullmatch(name)
    if bedrock:
        name = bedrock.group(1)
    return hint, name.replace("@", "-")  # Vertex spells dated ids "claude-haiku-4-5@20251001"


class _Layer:
    """One source of prices (a tenant's overrides, or the bundled table) indexed for lookup."""

    __slots__ = ("exact", "regex")

    def __init__(self, prices: Iterable[ModelPrice]) -> None:
        self.exact: dict[str, list[tuple[str, ModelPrice]]] = {}
        self.regex: list[tuple[re.Pattern[str], str, ModelPrice]] = []
        for price in prices:
            provider = canonical_provider(price.provider)
            if price.match == "regex":
                self.regex.append((re.compile(price.pattern, re.IGNORECASE), provider, price))
            else:
                self.exact.setdefault(normalize_model(price.pattern)[1], []).append((provider, price))

    def find(self, provider: str, model: str) -> ModelPrice | None:
        # An entry of the span's own provider comes first (the same open model costs differently per host);
        # within each group exact names come before regexes, and regexes keep their order.
        candidates = self.exact.get(model, []) + [(p, price) for rx, p, price in self.regex if rx.fullmatch(model)]
        if provider:
            for entry_provider, price in candidates:
                if entry_provider == provider:
                    return price
        return candidates[0][1] if candidates else None


_MISSING: Any = object()


@cache
def _bundled_layer() -> _Layer:
    # Read-only once built, so every organization's book shares it instead of re-indexing the table.
    from ams.telemetry.pricing_table import bundled_prices  # the table module builds on this one

    return _Layer(bundled_prices())


class PriceBook:
    """Bundled prices plus a tenant's overrides and custom models; overrides win over bundled entries."""

    def __init__(self, overrides: Iterable[ModelPrice] = (), *, bundled: Iterable[ModelPrice] | None = None) -> None:
        self.overrides = tuple(overrides)
        self._layers = (_Layer(self.overrides), _bundled_layer() if bundled is None else _Layer(bundled))
        self._cache: dict[tuple[str, str], ModelPrice | None] = {}

    def lookup(self, model: str, provider: str = "") -> ModelPrice | None:
        if len(model) > _MAX_LOOKUP_NAME:
            return None
        key = (provider, model)
        price = self._cache.get(key, _MISSING)
        if price is _MISSING:
            price = self._resolve(model, provider)
            if len(self._cache) >= _LOOKUP_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = price
        return price

    def _resolve(self, model: str, provider: str) -> ModelPrice | None:
        hint, name = normalize_model(model)
        if not name:
            return None
        canonical = canonical_provider(provider) or hint
        for layer in self._layers:
            price = layer.find(canonical, name)
            if price is not None:
                return price
        return None


def price_columns(
    book: PriceBook,
    providers: Sequence[str],
    models: Sequence[str],
    input_tokens: Sequence[int],
    output_tokens: Sequence[int],
    cached: Sequence[int],
    span_costs: Sequence[float | None],
) -> tuple[list[float], list[str]]:
    """(cost_usd, cost_source) per span: the span's own cost wins; else tokens are priced from the book; tokens on a
    model with no known price cost 0.0 flagged "unpriced"; no tokens cost 0.0 with source "none"."""
    n = len(models)
    if not (len(providers) == len(input_tokens) == len(output_tokens) == len(cached) == len(span_costs) == n):
        raise ValueError("price_columns: columns differ in length")
    costs = [0.0] * n
    sources = [_SOURCE_NONE] * n
    lookup = book.lookup
    isfinite = math.isfinite
    seen: dict[tuple[str, str], ModelPrice | None] = {}  # a batch names few models: skip even the book's cache
    for i in range(n):
        carried = span_costs[i]
        # A carried cost that is not a finite, non-negative number is treated as absent rather than trusted.
        if carried is not None and isfinite(carried) and carried >= 0:
            costs[i] = float(carried)
            sources[i] = _SOURCE_SPAN
            continue
        tokens_in = input_tokens[i]
        tokens_out = output_tokens[i]
        if tokens_in <= 0 and tokens_out <= 0:
            continue
        key = (providers[i], models[i])
        price = seen.get(key, _MISSING)
        if price is _MISSING:
            price = seen[key] = lookup(models[i], providers[i])
        if price is None:
            sources[i] = _SOURCE_UNPRICED
        else:
            costs[i] = cost_usd(price, tokens_in, tokens_out, cached[i])
            sources[i] = _SOURCE_PRICING
    return costs, sources
