"""Settings: arguments over the AMS_* environment over the defaults, and clear errors for bad ones."""

from __future__ import annotations

import pytest

from ams_sdk.config import Config


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMS_API_KEY", "ams_from_env")
    monkeypatch.setenv("AMS_ENDPOINT", "http://ams.internal:8080/v1/")
    monkeypatch.setenv("AMS_BUFFER_SPANS", "500")
    config = Config.resolve(agent_id="billing-bot")
    assert (config.api_key, config.endpoint, config.buffer_spans) == ("ams_from_env", "http://ams.internal:8080", 500)
    assert config.agent_id == "billing-bot"
    assert Config.resolve(api_key="ams_given").api_key == "ams_given"


def test_a_missing_key_or_a_bad_value_is_named() -> None:
    with pytest.raises(ValueError, match="api_key"):
        Config.resolve()
    with pytest.raises(ValueError, match="guard_failure"):
        Config.resolve(api_key="k", guard_failure="maybe")


def test_disabled_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMS_ENABLED", "false")
    assert Config.resolve().enabled is False
