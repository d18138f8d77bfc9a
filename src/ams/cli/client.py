"""A small HTTP client for the CLI's commands: AMS's API, with its problem answers turned into messages."""

from __future__ import annotations

from typing import Any

import httpx
import typer

from ams.cli.config import DEFAULT_URL, ClientSettings, saved
from ams.cli.output import fail


class Client:
    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        settings = ClientSettings()
        stored = saved(settings)
        self.url = (url or settings.url or stored.get("url") or DEFAULT_URL).rstrip("/")
        self.token = token or settings.token or stored.get("token")
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        self._http = httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            fail(f"cannot reach AMS at {self.url}: {exc}")
        if response.status_code == 401 and not self.token:
            fail("not logged in: run `ams login` or set AMS_TOKEN")
        if response.is_error:
            fail(_problem_text(response))
        return response.json() if response.content else None

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params={k: v for k, v in params.items() if v not in (None, [], "")})

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, json=body)

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)


def _problem_text(response: httpx.Response) -> str:
    try:
        problem = response.json()
    except ValueError:
        return f"AMS answered {response.status_code}: {response.text[:200]}"
    lines = [f"{problem.get('title', 'Error')} ({response.status_code}): {problem.get('detail', '')}"]
    errors = problem.get("errors", [])
    if len(errors) > 1:  # a single error is already in the detail
        lines += [f"  {e['field']}: {e['message']}" for e in errors]
    return "\n".join(lines)


UrlOption = typer.Option(None, "--url", help="AMS's address (default: AMS_URL, `ams login`, or 127.0.0.1:8080).")
TokenOption = typer.Option(None, "--token", help="Login token or API key (default: AMS_TOKEN or `ams login`).")
