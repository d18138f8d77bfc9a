"""First start: the banner prints the URL and a generated admin login that works, once."""

import re

import httpx

from tests.integration.conftest import start_server


def test_generated_admin_password_is_printed_once_and_works(tmp_path):
    server = start_server(tmp_path, None, AMS_ADMIN_PASSWORD="", AMS_ADMIN_EMAIL="boss@ams.test")
    try:
        log = server.log()
        assert f"AMS is ready at {server.url}" in log
        match = re.search(r"password:\s+(\S+)", log)
        assert match, log
        login = httpx.post(
            f"{server.url}/api/v1/auth/login", json={"email": "boss@ams.test", "password": match.group(1)}
        )
        assert login.status_code == 200
        token = login.json()["access_token"]
        orgs = httpx.get(f"{server.url}/api/v1/organizations", headers={"Authorization": f"Bearer {token}"}).json()
        projects = httpx.get(f"{server.url}/api/v1/projects", headers={"Authorization": f"Bearer {token}"}).json()
        assert [o["name"] for o in orgs] == ["Default"] and [p["name"] for p in projects] == ["Default"]
    finally:
        server.stop()
    again = start_server(tmp_path, None, AMS_ADMIN_PASSWORD="", AMS_ADMIN_EMAIL="boss@ams.test")
    try:
        assert match.group(1) not in again.log()
        assert "Log in as" in again.log()
    finally:
        again.stop()
    assert (tmp_path / "data" / "ams.db").exists()
