import json
import math
import re
from importlib import resources

import pytest

from ams.errors import InvalidInput
from ams.telemetry.pricing import (
    MAX_OVERRIDES,
    LongContextPrice,
    ModelPrice,
    PriceBook,
    cost_usd,
    normalize_model,
    price_columns,
)
from ams.telemetry.pricing_table import (
    bundled_prices,
    load_bundled_table,
    model_price_from_dict,
    model_price_to_dict,
    validate_model_price,
    validate_overrides,
)
from ams.telemetry.spans import CostSource


@pytest.fixture(scope="module")
def book() -> PriceBook:
    return PriceBook()


def _raw_table() -> dict:
    return json.loads(resources.files("ams.telemetry").joinpath("pricing_table.json").read_text(encoding="utf-8"))


# --- lookup -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "provider", "expected"),
    [
        ("gpt-4o-mini", "openai", "gpt-4o-mini"),  # exact
        ("gpt-4o-2024-08-06", "", "gpt-4o"),  # alias
        ("gpt-4.1-2025-04-14", "", "gpt-4.1"),  # dated variant through the regex
        ("claude-sonnet-4-5-20250929", "anthropic", "claude-sonnet-4-5"),
        ("claude-sonnet-4-20250514", "", "claude-sonnet-4"),
        ("claude-opus-4-1-20250805", "", "claude-opus-4-1"),
        ("claude-3-5-haiku-latest", "", "claude-3-5-haiku"),
        ("openai/gpt-4o-mini", "", "gpt-4o-mini"),  # provider prefix
        ("models/gemini-2.5-flash", "gcp.gemini", "gemini-2.5-flash"),
        ("gemini-2.0-flash-lite-001", "", "gemini-2.0-flash-lite"),  # not mistaken for gemini-2.0-flash
        ("GPT-4O-Mini", "OpenAI", "gpt-4o-mini"),  # case
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "aws.bedrock", "claude-sonnet-4-5"),  # Bedrock id
        ("claude-haiku-4-5@20251001", "gcp.vertex_ai", "claude-haiku-4-5"),  # Vertex id
        ("claude-opus-4-6[1m]", "", "claude-opus-4-6"),
    ],
)
def test_lookup_finds_the_canonical_model(book, model, provider, expected):
    price = book.lookup(model, provider)
    assert price is not None
    assert price.model == expected


@pytest.mark.parametrize("model", ["", "mystery-model", "gpt-4o-2024-05-13", "gpt-4o-mini-extra", "gemini-2.5-flash-x"])
def test_unknown_or_differently_priced_models_are_not_matched(book, model):
    assert book.lookup(model) is None


def test_every_canonical_name_finds_its_own_entry(book):
    # Also proves no regex of one entry swallows another entry's name (exact wins, but only for its own layer).
    for price in bundled_prices():
        assert book.lookup(price.model, price.provider).model == price.model


def test_no_regex_matches_another_entrys_canonical_name():
    names = {p.model for p in bundled_prices()}
    for price in bundled_prices():
        if price.match == "regex":
            swallowed = {n for n in names if n != price.model and re.fullmatch(price.pattern, n, re.IGNORECASE)}
            assert not swallowed, (price.model, swallowed)


def test_normalize_model_strips_prefixes_and_platform_spellings():
    assert normalize_model("openai/GPT-4o") == ("openai", "gpt-4o")
    assert normalize_model("models/gemini-2.5-pro") == ("", "gemini-2.5-pro")
    assert normalize_model("eu.anthropic.claude-3-haiku-20240307-v1:0") == ("", "claude-3-haiku-20240307")
    assert normalize_model("deepseek-v3") == ("", "deepseek-v3")  # a "-vN" suffix only goes with a Bedrock id


def test_span_provider_is_preferred_for_a_model_several_hosts_sell():
    groq = ModelPrice("groq", "llama-3.3-70b", 0.59, None, 0.79)
    together = ModelPrice("together", "llama-3.3-70b", 0.88, None, 0.88)
    book = PriceBook([groq, together], bundled=())
    assert book.lookup("llama-3.3-70b", "together") is together
    assert book.lookup("llama-3.3-70b", "groq") is groq
    assert book.lookup("llama-3.3-70b") is groq  # no provider: the first entry


def test_an_absurdly_long_model_name_is_unpriced_without_a_regex_scan():
    book = PriceBook([ModelPrice("", "any", 1.0, None, 1.0, match="regex", pattern=".*")], bundled=())
    assert book.lookup("x" * 10_000) is None
    assert book._cache == {}


def test_lookup_results_are_cached_and_the_cache_is_bounded(monkeypatch):
    import ams.telemetry.pricing as pricing

    monkeypatch.setattr(pricing, "_LOOKUP_CACHE_SIZE", 3)
    book = PriceBook()
    for i in range(10):
        book.lookup(f"unknown-{i}")
    assert len(book._cache) <= 3
    assert book.lookup("gpt-4o") is book.lookup("gpt-4o")


# --- overrides ----------------------------------------------------------------------------------------------------


def test_override_wins_over_the_bundled_entry():
    override = ModelPrice("openai", "gpt-4o", 1.0, None, 2.0)
    book = PriceBook([override])
    assert book.lookup("gpt-4o", "openai") is override
    assert book.lookup("gpt-4o-mini", "openai").model == "gpt-4o-mini"  # the rest of the table still applies


def test_override_regex_wins_over_a_bundled_exact_entry():
    override = ModelPrice("", "all of 4.1", 9.0, None, 9.0, match="regex", pattern=r"gpt-4\.1.*")
    assert PriceBook([override]).lookup("gpt-4.1-mini") is override


def test_exact_wins_over_regex_and_the_first_regex_wins():
    first = ModelPrice("", "first", 1.0, None, 1.0, match="regex", pattern=r"acme-.*")
    second = ModelPrice("", "second", 2.0, None, 2.0, match="regex", pattern=r"acme-\d+")
    exact = ModelPrice("", "acme-7", 3.0, None, 3.0)
    book = PriceBook([first, second, exact], bundled=())
    assert book.lookup("acme-7") is exact
    assert book.lookup("acme-8") is first


def test_custom_model_is_priced():
    custom = ModelPrice("", "our-finetune", 0.5, 0.05, 1.5)
    costs, sources = price_columns(PriceBook([custom]), [""], ["our-finetune"], [1_000_000], [0], [0], [None])
    assert costs == [0.5]
    assert sources == [CostSource.PRICING]


# --- cost ---------------------------------------------------------------------------------------------------------


def test_cost_prices_cached_input_as_a_subset_of_input():
    price = ModelPrice("openai", "m", 2.0, 0.5, 8.0)
    # 1M input of which 400k cached, 100k output.
    assert cost_usd(price, 1_000_000, 100_000, 400_000) == pytest.approx(0.6 * 2.0 + 0.4 * 0.5 + 0.1 * 8.0)


def test_cached_input_without_a_cached_rate_costs_the_input_rate():
    price = ModelPrice("groq", "m", 0.59, None, 0.79)
    assert cost_usd(price, 1_000_000, 0, 600_000) == pytest.approx(0.59)


def test_cached_count_above_input_is_clamped():
    price = ModelPrice("openai", "m", 2.0, 0.5, 8.0)
    assert cost_usd(price, 1000, 0, 5000) == pytest.approx(1000 * 0.5 / 1e6)


def test_long_context_rates_apply_to_the_whole_request_above_the_threshold():
    tier = LongContextPrice(200_000, 2.5, 0.25, 15.0)
    price = ModelPrice("google", "m", 1.25, 0.125, 10.0, long_context=tier)
    assert cost_usd(price, 200_000, 1000) == pytest.approx(0.2 * 1.25 + 0.001 * 10.0)
    assert cost_usd(price, 200_001, 1000) == pytest.approx(0.200001 * 2.5 + 0.001 * 15.0)


def test_bundled_prices_give_the_documented_costs(book):
    # 1M input (250k cached) and 1M output on gpt-4o-mini: 0.75 * 0.15 + 0.25 * 0.075 + 0.60
    assert cost_usd(book.lookup("gpt-4o-mini"), 1_000_000, 1_000_000, 250_000) == pytest.approx(0.73125)
    assert cost_usd(book.lookup("claude-haiku-4-5"), 1_000_000, 1_000_000) == pytest.approx(6.0)


# --- price_columns ------------------------------------------------------------------------------------------------


def test_price_columns_applies_the_four_rules(book):
    costs, sources = price_columns(
        book,
        providers=["openai", "openai", "acme", "", "openai"],
        models=["gpt-4o", "gpt-4o-mini", "acme-9000", "", "gpt-4o"],
        input_tokens=[1000, 1_000_000, 500, 0, 0],
        output_tokens=[10, 0, 20, 0, 0],
        cached=[0, 0, 0, 0, 0],
        span_costs=[0.42, None, None, None, None],
    )
    assert sources == [CostSource.SPAN, CostSource.PRICING, CostSource.UNPRICED, CostSource.NONE, CostSource.NONE]
    assert costs == [0.42, pytest.approx(0.15), 0.0, 0.0, 0.0]
    assert all(type(s) is str for s in sources)


def test_span_cost_wins_even_when_zero_and_a_price_is_known(book):
    costs, sources = price_columns(book, ["openai"], ["gpt-4o"], [1000], [1000], [0], [0.0])
    assert (costs, sources) == ([0.0], [CostSource.SPAN])


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0])
def test_a_nonsense_span_cost_is_ignored(book, bad):
    costs, sources = price_columns(book, ["openai"], ["gpt-4o-mini"], [1_000_000], [0], [0], [bad])
    assert (costs, sources) == ([pytest.approx(0.15)], [CostSource.PRICING])


def test_output_only_tokens_are_priced_and_flagged_when_unknown(book):
    _, sources = price_columns(book, ["", ""], ["gpt-4o", "nope"], [0, 0], [10, 10], [0, 0], [None, None])
    assert sources == [CostSource.PRICING, CostSource.UNPRICED]


def test_price_columns_rejects_ragged_columns(book):
    with pytest.raises(ValueError):
        price_columns(book, ["openai"], ["gpt-4o", "gpt-4o"], [1, 1], [1, 1], [0, 0], [None, None])


# --- validation ---------------------------------------------------------------------------------------------------


def _entry(**changes):
    entry = {
        "provider": "acme",
        "model": "acme-1",
        "input_per_mtok": 1,
        "cached_input_per_mtok": None,
        "output_per_mtok": 2.5,
        "match": "regex",
        "pattern": r"acme-1(?:-\d{8})?",
    }
    entry.update(changes)
    return entry


def _tier(above: object = 100, input_per_mtok: object = 2.0) -> dict:
    return {"above_input_tokens": above, "input_per_mtok": input_per_mtok, "cached_input_per_mtok": None,
            "output_per_mtok": 5.0}  # fmt: skip


def _field_of(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    assert len(exc.value.errors) == 1
    return exc.value.errors[0].field


def test_a_valid_entry_round_trips():
    price = model_price_from_dict(_entry(long_context=_tier()))
    assert price.input_per_mtok == 1.0
    assert isinstance(price.input_per_mtok, float)
    assert model_price_from_dict(model_price_to_dict(price)) == price


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"pattern": "acme-("}, "prices[0].pattern", "not a valid regular expression"),
        ({"pattern": "a" * 201}, "prices[0].pattern", "at most 200"),
        ({"pattern": "(a+)+$"}, "prices[0].pattern", "catastrophic"),
        ({"pattern": "(?:x|y?)*z"}, "prices[0].pattern", "catastrophic"),
        ({"pattern": r"(\w+\s?)*"}, "prices[0].pattern", "catastrophic"),
        ({"pattern": r"((ab)*c)+"}, "prices[0].pattern", "catastrophic"),
        ({"pattern": r"(a)\1"}, "prices[0].pattern", "backreferences"),
        ({"pattern": ""}, "prices[0].pattern", "required"),
        ({"input_per_mtok": -0.01}, "prices[0].input_per_mtok", ">= 0"),
        ({"output_per_mtok": math.inf}, "prices[0].output_per_mtok", "finite"),
        ({"cached_input_per_mtok": math.nan}, "prices[0].cached_input_per_mtok", "finite"),
        ({"input_per_mtok": "1.0"}, "prices[0].input_per_mtok", "number"),
        ({"output_per_mtok": True}, "prices[0].output_per_mtok", "number"),
        ({"output_per_mtok": None}, "prices[0].output_per_mtok", "number"),
        ({"model": ""}, "prices[0].model", "empty"),
        ({"model": 7}, "prices[0].model", "string"),
        ({"match": "glob"}, "prices[0].match", "exact"),
        ({"long_context": _tier(above=0)}, "prices[0].long_context.above_input_tokens", "positive"),
        ({"long_context": _tier(above=1.5)}, "prices[0].long_context.above_input_tokens", "positive"),
        ({"long_context": _tier(input_per_mtok=-1)}, "prices[0].long_context.input_per_mtok", ">= 0"),
        ({"long_context": [1]}, "prices[0].long_context", "object"),
    ],
)
def test_invalid_override_names_the_field(changes, field, message):
    with pytest.raises(InvalidInput) as exc:
        validate_overrides([_entry(**changes)])
    assert _field_of(exc) == field
    assert message in exc.value.errors[0].message
    assert exc.value.status == 422


@pytest.mark.parametrize("pattern", [r"acme-\d{4}-\d{2}-\d{2}", r"(\d{2}){3}", r"acme-(?:mini|max)?", r"a[(+)]+"])
def test_safe_patterns_are_accepted(pattern):
    assert validate_model_price(ModelPrice("", "acme", 1.0, None, 1.0, match="regex", pattern=pattern))


def test_validate_overrides_names_the_index_and_bounds_the_list():
    good = _entry()
    with pytest.raises(InvalidInput) as exc:
        validate_overrides([good, _entry(pattern="(a*)*")], field="overrides")
    assert _field_of(exc) == "overrides[1].pattern"
    with pytest.raises(InvalidInput) as exc:
        validate_overrides([good] * (MAX_OVERRIDES + 1))
    assert _field_of(exc) == "prices"
    assert validate_overrides([good, ModelPrice("", "x", 0.0, 0.0, 0.0)])[1].model == "x"


def test_validate_model_price_checks_dataclass_values():
    with pytest.raises(InvalidInput) as exc:
        validate_model_price(ModelPrice("", "m", 1.0, None, -2.0), field="price")
    assert _field_of(exc) == "price.output_per_mtok"


# --- the bundled table --------------------------------------------------------------------------------------------


def test_bundled_table_is_dated_and_sourced():
    raw = _raw_table()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw["as_of"])
    assert raw["currency"] == "USD"
    assert raw["sources"]
    assert load_bundled_table().as_of == raw["as_of"]


def test_every_bundled_entry_is_well_formed():
    seen: set[tuple[str, str]] = set()
    for entry in _raw_table()["models"]:
        name = entry["model"]
        assert entry["provider"] and name == name.lower(), name
        assert entry["source"].strip(), name
        for key in ("input", "output"):
            assert math.isfinite(entry[key]) and entry[key] >= 0, (name, key)
        cached = entry["cached_input"]
        assert cached is None or (math.isfinite(cached) and 0 <= cached <= entry["input"]), name
        if "pattern" in entry:
            re.compile(entry["pattern"])
        tier = entry.get("long_context")
        if tier is not None:
            assert tier["input"] >= entry["input"] and tier["output"] >= entry["output"], name
        for exact in [name, *entry.get("aliases", [])]:
            assert (entry["provider"], exact) not in seen, exact
            seen.add((entry["provider"], exact))
    # The loader runs every entry through the tenant validation as well.
    assert all(validate_model_price(price) for price in bundled_prices())


def test_the_brief_models_are_priced(book):
    for model in [
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5", "gpt-5-mini",
        "gpt-5-nano", "text-embedding-3-small", "text-embedding-3-large", "claude-opus-4-5", "claude-sonnet-4-5",
        "claude-haiku-4-5", "claude-3-5-haiku", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash",
        "gemini-2.5-flash-lite",
    ]:  # fmt: skip
        assert book.lookup(model) is not None, model
