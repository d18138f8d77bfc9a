"""The app under test, driven in-process through httpx's ASGI transport, with fresh tenants per test."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from ams.app import create_app
from ams.settings import AdminSettings, DatabaseSettings, SecuritySettings, Settings
from tests.local_endpoint import LocalEndpoint

ADMIN_EMAIL = "root@ams.test"
ADMIN_PASSWORD = "root-password-1"
_counter = itertools.count()


def make_settings(data_dir: Path, database_url: str) -> Settings:
    return Settings(
        data_dir=data_dir,
        database=DatabaseSettings(url=database_url),
        admin=AdminSettings(email=ADMIN_EMAIL, password=SecretStr(ADMIN_PASSWORD)),
        security=SecuritySettings(),
    )


# Package scope: the embedded telemetry engine allows one data path per process, so this app must be gone
# before other test packages open stores of their own.
@pytest.fixture(scope="package")
async def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    application = create_app(make_settings(tmp_path_factory.mktemp("data"), database_url))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="package")
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ams") as http:
        yield http


async def login(client: httpx.AsyncClient, email: str, password: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture(scope="package")
async def root(client: httpx.AsyncClient) -> dict[str, str]:
    """Headers of the installation's administrator."""
    return await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)


@dataclass
class Tenant:
    """A fresh organization with one project and an admin, plus helpers to act in it."""

    client: httpx.AsyncClient
    root: dict[str, str]
    org_id: str
    project_id: str
    admin: dict[str, str]
    admin_id: str
    users: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    async def user(self, role: str) -> tuple[str, dict[str, str]]:
        """A member with `role` (one per role and tenant): their id and headers."""
        if role not in self.users:
            email = f"{role}-{next(_counter)}-{self.org_id[-6:].lower()}@ams.test"
            created = await self.client.post(
                "/api/v1/users",
                json={
                    "email": email,
                    "organization_id": self.org_id,
                    "role": role,
                    "password": "password-123",
                },
                headers=self.admin,
            )
            assert created.status_code == 201, created.text
            self.users[role] = (created.json()["id"], await login(self.client, email, "password-123"))
        return self.users[role]

    async def agent(self, headers: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
        body = {
            "name": f"agent-{next(_counter)}",
            "platform": "custom",
            "project_id": self.project_id,
            **fields,
        }
        response = await self.client.post("/api/v1/agents", json=body, headers=headers or self.admin)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def key(self, role: str | None = None, agent_id: str | None = None) -> dict[str, str]:
        body: dict[str, Any] = {"agent_id": agent_id} if agent_id else {"project_id": self.project_id, "role": role}
        response = await self.client.post("/api/v1/api-keys", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['key']}"}


async def new_tenant(client: httpx.AsyncClient, root: dict[str, str]) -> Tenant:
    n = next(_counter)
    org = await client.post("/api/v1/organizations", json={"name": f"Org {n}"}, headers=root)
    assert org.status_code == 201, org.text
    org_id = org.json()["id"]
    project = await client.post("/api/v1/projects", json={"organization_id": org_id, "name": "Main"}, headers=root)
    assert project.status_code == 201, project.text
    email = f"admin-{n}@ams.test"
    admin = await client.post(
        "/api/v1/users",
        json={"email": email, "organization_id": org_id, "role": "admin", "password": "password-123"},
        headers=root,
    )
    assert admin.status_code == 201, admin.text
    headers = await login(client, email, "password-123")
    return Tenant(client, root, org_id, project.json()["id"], headers, admin.json()["id"])


@pytest.fixture
async def tenant(client: httpx.AsyncClient, root: dict[str, str]) -> Tenant:
    return await new_tenant(client, root)


@pytest.fixture
async def other_tenant(client: httpx.AsyncClient, root: dict[str, str]) -> Tenant:
    return await new_tenant(client, root)


@pytest.fixture
async def telemetry(app: FastAPI) -> AsyncIterator[Any]:
    """The app's telemetry with its rollup job stopped for the test (restarted after), so that rollups are
    computed only when the test says."""
    from ams.telemetry.rollups import RollupJob

    telemetry = app.state.context.telemetry
    [job] = [j for j in telemetry.jobs if isinstance(j, RollupJob)]
    await job.stop()
    try:
        yield telemetry
    finally:
        job.start()


@pytest.fixture
async def monitor(app: FastAPI) -> AsyncIterator[Any]:
    """The app's health monitor, with the daemons that judge health, raise alerts and send them stopped for the
    test (restarted after): rounds, alerts and deliveries then happen only when the test says."""
    context = app.state.context
    jobs = [*context.monitoring.jobs, *context.alerting.jobs]
    for job in jobs:
        await job.stop()
    health = context.monitoring.health
    timeout = health.probe_timeout_s  # a test may shorten it
    try:
        yield health
    finally:
        health.probe_timeout_s = timeout
        for job in jobs:
            job.start()


@pytest.fixture
def endpoints() -> Iterator[Callable[..., LocalEndpoint]]:
    """Makes local endpoints (`LocalEndpoint` arguments), closed after the test."""
    made: list[LocalEndpoint] = []

    def make(status: int = 200, *, hang: bool = False) -> LocalEndpoint:
        made.append(LocalEndpoint(status, hang=hang))
        return made[-1]

    yield make
    for endpoint in made:
        endpoint.close()
