import pytest

from ams.agents.platforms import Platform, configuration_schema, validate_configuration
from ams.agents.versions import check_semver
from ams.errors import InvalidInput


@pytest.mark.parametrize(
    ("platform", "config", "missing"),
    [
        (Platform.WEBHOOK, {}, "configuration.url"),
        (Platform.N8N, {}, "configuration.webhook_url"),
        (Platform.MAKE, {}, "configuration.webhook_url"),
        (Platform.ZAPIER, {}, "configuration.webhook_url"),
        (Platform.LANGGRAPH, {"server_url": "http://lg:8123"}, "configuration.graph_id"),
        (Platform.LANGGRAPH, {"graph_id": "g"}, "configuration.server_url"),
    ],
)
def test_required_fields_are_named(platform, config, missing):
    with pytest.raises(InvalidInput) as caught:
        validate_configuration(platform, config)
    assert [e.field for e in caught.value.errors] == [missing]
    assert caught.value.errors[0].message == "required"


def test_bad_url_and_unknown_field_are_named():
    with pytest.raises(InvalidInput) as caught:
        validate_configuration(Platform.WEBHOOK, {"url": "not a url", "urll": "x"})
    fields = {e.field for e in caught.value.errors}
    assert fields == {"configuration.url", "configuration.urll"}


def test_valid_configuration_is_normalised():
    config = validate_configuration(Platform.LANGGRAPH, {"server_url": "http://lg:8123", "graph_id": "support"})
    assert config["graph_id"] == "support"
    assert config["server_url"].startswith("http://lg:8123")
    assert config["timeout_s"] == 30.0


def test_custom_accepts_anything_and_sdk_platforms_need_nothing():
    assert validate_configuration(Platform.CUSTOM, {"anything": [1, 2]})["anything"] == [1, 2]
    assert validate_configuration(Platform.CREWAI, {}) == {"settings": {}}
    assert validate_configuration(Platform.LANGCHAIN, {}) == {"settings": {}}


def test_every_platform_publishes_a_schema():
    for platform in Platform:
        assert configuration_schema(platform)["type"] == "object"


@pytest.mark.parametrize("version", ["1.0.0", "0.1.0", "2.10.3-rc.1", "1.0.0+build.5", "1.0.0-alpha.beta"])
def test_semver_accepts(version):
    assert check_semver(version) == version


@pytest.mark.parametrize("version", ["1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "latest"])
def test_semver_refuses(version):
    with pytest.raises(ValueError, match="semantic version"):
        check_semver(version)
