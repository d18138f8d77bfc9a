"""`ams login` and `ams logout`: keep a login token for the client commands."""

from __future__ import annotations

import typer

from ams.cli.client import Client, UrlOption
from ams.cli.config import ClientSettings, forget, save
from ams.cli.output import console


def login(
    email: str = typer.Option(..., prompt=True, help="Your email."),
    password: str = typer.Option(..., prompt=True, hide_input=True, help="Your password."),
    url: str | None = UrlOption,
) -> None:
    """Log in to AMS and keep the token (readable by you only) for the other commands."""
    client = Client(url=url, token="")
    answer = client.post("/api/v1/auth/login", {"email": email, "password": password})
    save(ClientSettings(), client.url, answer["access_token"])
    console.print(f"Logged in to {client.url} as {email}; the token expires {answer['expires_at']}.")


def logout(url: str | None = UrlOption) -> None:
    """End the saved login and forget its token."""
    client = Client(url=url)
    if client.token:
        client.request("POST", "/api/v1/auth/logout")
    forget(ClientSettings())
    console.print("Logged out.")
