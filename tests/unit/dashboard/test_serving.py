"""The dashboard is served at / with a single-page-app fallback, and AMS's own paths keep their answers."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from ams.dashboard.serving import IMMUTABLE, REVALIDATE, install_dashboard
from ams.http.problems import install_problem_handlers

INDEX = "<!doctype html><title>AMS</title><div id=root></div>"


def _app(static: Path) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/api/v1/things")
    async def make_thing() -> dict[str, str]:
        return {"made": "yes"}

    install_dashboard(app, static)
    return app


@pytest.fixture
def built(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    (static / "assets").mkdir(parents=True)
    (static / "index.html").write_text(INDEX)
    (static / "assets" / "index-3f9a.js").write_text("console.log('dashboard')")
    (static / "assets" / "index-3f9a.js.gz").write_bytes(gzip.compress(b"console.log('dashboard')"))
    (static / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("not for the web")
    return static


async def _client(static: Path) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(static))
    async with httpx.AsyncClient(transport=transport, base_url="http://ams") as client:
        yield client


@pytest.fixture
async def client(built: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(built):
        yield c


@pytest.mark.parametrize("path", ["/", "/agents", "/agents/agt_123/versions", "/traces/abc?window=1h"])
async def test_every_page_of_the_app_loads_index_html_revalidated_each_time(client: httpx.AsyncClient, path: str):
    response = await client.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == REVALIDATE


async def test_hashed_assets_are_cached_for_good_and_missing_ones_are_404(client: httpx.AsyncClient):
    asset = await client.get("/assets/index-3f9a.js")
    assert asset.status_code == 200 and "dashboard" in asset.text
    assert asset.headers["cache-control"] == IMMUTABLE
    assert "javascript" in asset.headers["content-type"]
    # Never index.html in place of a script: the browser would try to run HTML.
    missing = await client.get("/assets/index-0000.js")
    assert missing.status_code == 404 and INDEX not in missing.text


async def test_assets_go_gzipped_to_browsers_that_accept_it(client: httpx.AsyncClient):
    zipped = await client.get("/assets/index-3f9a.js", headers={"Accept-Encoding": "gzip, br"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "javascript" in zipped.headers["content-type"]
    assert zipped.text == "console.log('dashboard')"  # httpx decodes it, as a browser does
    plain = await client.get("/assets/index-3f9a.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == "console.log('dashboard')"


async def test_root_files_are_served(client: httpx.AsyncClient):
    response = await client.get("/favicon.svg")
    assert response.status_code == 200 and response.text == "<svg/>"


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/v1/nowhere", "/docs/nowhere", "/metrics/x", "/openapi.json/x"])
async def test_ams_own_paths_keep_their_problem_404(client: httpx.AsyncClient, path: str):
    response = await client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_wrong_method_on_an_api_path_is_still_405(client: httpx.AsyncClient):
    assert (await client.get("/api/v1/things")).status_code == 405
    assert (await client.post("/api/v1/things")).json() == {"made": "yes"}


async def test_paths_cannot_leave_the_static_folder(client: httpx.AsyncClient):
    for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"):
        response = await client.get(path)
        assert "not for the web" not in response.text


async def test_without_a_build_the_page_says_how_to_build_it(tmp_path: Path):
    async for client in _client(tmp_path / "never-built"):
        response = await client.get("/agents")
        assert response.status_code == 200
        assert "dashboard was not built" in response.text
        assert "make web" in response.text
        assert (await client.get("/api/v1/nowhere")).status_code == 404
