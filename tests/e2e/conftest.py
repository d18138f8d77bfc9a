"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a real `ams serve`.

One AMS (SQLite, embedded telemetry) serves the whole module, fed the fleet of fleet_data.py through OTLP. When
Chromium or the built dashboard is missing, every test here is skipped, and the run's summary says so in red.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from ams.dashboard.serving import STATIC_DIR
from tests.conftest import skip_backend
from tests.e2e import fleet_data
from tests.integration.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, AMS, Server, free_port, start_server, wait_for
from tests.integration.gateway_support import admin_client

CHROMIUM = Path(os.environ.get("AMS_TEST_CHROMIUM", "/usr/bin/chromium"))
# The flags a headless browser needs in a container: no sandbox (root), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1366, "height": 820}
# A shared 2-core machine runs other suites beside this one: give each expectation room (it passes as soon as met).
expect.set_options(timeout=30_000)


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread while it is open,
# and the async tests collected after this folder need the thread without one.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        skip_backend("the dashboard in a browser", f"{CHROMIUM} is missing (make browser installs it)")
    if not (STATIC_DIR / "index.html").is_file():
        skip_backend("the dashboard in a browser", "the dashboard is not built (make web)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def ams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("e2e"), None)
    try:
        fleet_data.seed(server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(chromium: Browser, ams: Server) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORT, base_url=ams.url, timezone_id="UTC", locale="en-US")
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the page raised: {errors}"


@pytest.fixture(scope="module")
def alias(ams: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A model alias routed to a real local provider (`ams mock-provider`)."""
    port = free_port()
    log = (tmp_path_factory.mktemp("mock") / "mock.log").open("wb")
    mock = subprocess.Popen([AMS, "mock-provider", "--port", str(port)], stdout=log, stderr=log)
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/models")
        with admin_client(ams) as admin:
            provider = admin.post("/api/v1/providers", json={
                "name": "mock-openai", "kind": "openai_compatible", "base_url": f"http://127.0.0.1:{port}/v1",
                "api_key": "sk-upstream", "models": [{"name": "gpt-4o-mini", "context_window": 128000,
                                                      "input_per_mtok": 0.15, "output_per_mtok": 0.6}]})  # fmt: skip
            assert provider.status_code == 201, provider.text
            target = {"provider_id": provider.json()["id"], "model": "gpt-4o-mini"}
            route = admin.post("/api/v1/routes", json={"alias": "chat-default", "targets": [target]})
            assert route.status_code == 201, route.text
        yield "chat-default"
    finally:
        mock.terminate()
        mock.wait(timeout=10)
        log.close()


def sign_in(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Fleet Command").wait_for()


def screenshot(page: Page, name: str) -> None:
    """A picture of the page for the README (docs/screenshots/<name>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Not "networkidle": the live event stream keeps a request open for as long as the page lives.
    page.wait_for_function("document.querySelectorAll('[data-loading]').length === 0")
    page.wait_for_timeout(400)  # charts draw on the next frames
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
