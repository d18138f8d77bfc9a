"""A credential's plaintext is nowhere: not in the database, not in API answers, not in the logs."""

import httpx
import pytest

from tests.integration.conftest import start_server
from tests.integration.stores import ControlDatabase

PLAINTEXT = "sk-live-9f8e7d6c5b4a3f2e1d0c-PLAINTEXT"
PASSWORD = "basic-auth-Pa55word-PLAINTEXT"


@pytest.fixture
def chatty_server(tmp_path, database):
    running = start_server(tmp_path, database, AMS_LOG_LEVEL="debug", AMS_ACCESS_LOG="true")
    yield running
    running.stop()


def test_plaintext_is_nowhere(chatty_server, database):
    server = chatty_server
    headers = {"Authorization": f"Bearer {server.login()}"}
    agent = httpx.post(
        f"{server.url}/api/v1/agents",
        json={
            "name": "holder",
            "platform": "webhook",
            "configuration": {"url": "https://x.example/", "auth_credential": "api"},
        },
        headers=headers,
    ).json()
    base = f"{server.url}/api/v1/agents/{agent['id']}"
    answers = [
        httpx.put(f"{base}/credentials/api", json={"type": "api_key", "key": PLAINTEXT}, headers=headers),
        httpx.put(
            f"{base}/credentials/basic",
            json={"type": "basic_auth", "username": "u", "password": PASSWORD},
            headers=headers,
        ),
        httpx.get(f"{base}/credentials", headers=headers),
        httpx.get(base, headers=headers),
        httpx.get(f"{server.url}/api/v1/audit", params={"limit": 500}, headers=headers),
        httpx.put(
            f"{base}/credentials/bad", json={"type": "api_key", "key": PLAINTEXT, "secret": PLAINTEXT}, headers=headers
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 200, 422]
    for answer in answers:
        assert PLAINTEXT not in answer.text and PASSWORD not in answer.text
    assert [c["name"] for c in answers[2].json()] == ["api", "basic"]

    stored = ControlDatabase(server.tmp_data_dir, database).raw_bytes()
    assert b"holder" in stored  # the dump does hold the data...
    for secret in (PLAINTEXT, PASSWORD):
        assert secret.encode() not in stored  # ...but not the secrets
        assert secret.encode("utf-16-le") not in stored
    server.stop()
    log = server.log()
    assert "/credentials/api" in log  # the access log did record the requests
    assert PLAINTEXT not in log and PASSWORD not in log
