"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a real `ams serve`.

One AMS (SQLite, embedded telemetry) serves the whole module, fed the fleet of fleet_data.py through OTLP. When
Chromium or the built dashboard is missing, every test here is skipped, and the run's summary says so in red.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from ams.dashboard.serving import STATIC_DIR
from tests.conftest import skip_backend
from tests.e2e import fleet_data
from tests.integration.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Server, start_server

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
