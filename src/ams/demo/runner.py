"""`ams demo`: the mock provider and AMS as child processes, the demo set up through AMS's API, the fleet's agents
as threads with their own SDK runtimes, and a demo operator answering some approvals. Ctrl-C stops it all."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ams.auth.secrets import new_password
from ams.demo.fleet import MOCK_COMPLETION_TOKENS, MOCK_LATENCY_MS, MOCK_PROMPT_TOKENS, MODELS
from ams.settings import Settings

logger = logging.getLogger("ams.demo")
STARTUP_TIMEOUT_S = 120
CREDENTIALS_FILE = "demo-admin.json"


@dataclass
class DemoOptions:
    host: str
    port: int
    data_dir: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ams.cli.main", *args]


def admin_login(data_dir: Path) -> tuple[str, str]:
    """The administrator the demo logs in as: AMS_ADMIN_PASSWORD when set; else the one the demo chose on its
    first start in this data directory (kept there, mode 0600)."""
    settings = Settings()
    email = settings.admin.email
    if settings.admin.password is not None and settings.admin.password.get_secret_value():
        return email, settings.admin.password.get_secret_value()
    path = data_dir / CREDENTIALS_FILE
    if path.exists():
        saved = json.loads(path.read_text())
        return str(saved["email"]), str(saved["password"])
    password = new_password()
    data_dir.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(json.dumps({"email": email, "password": password}))
    return email, password


def _wait(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url} within {STARTUP_TIMEOUT_S}s")


def _operator(admin: httpx.Client, stop: threading.Event) -> None:
    """A demo operator: approves most pending refunds after a moment, refuses some, and leaves a few unanswered
    (those agents escalate)."""
    rng = random.Random(7)
    while not stop.wait(2.0):
        try:
            pending = admin.get("/api/v1/approvals", params={"status": "pending", "limit": 50}).json()["items"]
        except (httpx.HTTPError, KeyError, ValueError):
            continue
        for approval in pending:
            roll = rng.random()
            if roll < 0.15:
                continue
            verdict = "approve" if roll < 0.8 else "deny"
            comment = "looks fine" if verdict == "approve" else "amount too high for this customer"
            try:
                admin.post(f"/api/v1/approvals/{approval['id']}/{verdict}", json={"comment": comment})
            except httpx.HTTPError:
                pass


def run_demo(options: DemoOptions) -> None:
    try:
        from ams.demo.behaviours import SimulatedAgent
    except ImportError as exc:
        raise SystemExit(
            f"`ams demo` runs agents with the AMS SDK and openai: pip install './sdk[openai]' ({exc})"
        ) from None
    from ams.demo.setup import DemoSetupError, login, set_up

    email, password = admin_login(options.data_dir)
    mock_port = _free_port()
    url = f"http://{options.host}:{options.port}"
    env = {**os.environ, "AMS_DATA_DIR": str(options.data_dir), "AMS_HOST": options.host,
           "AMS_PORT": str(options.port), "AMS_ADMIN_PASSWORD": password}  # fmt: skip
    models = [arg for name in MODELS for arg in ("--model", name)]
    # Their own sessions: a Ctrl-C in the terminal reaches the demo alone, which stops the agents (sending what
    # they buffered) before it stops AMS.
    names = ["the mock provider", "AMS"]
    children = [
        subprocess.Popen(
            _command(
                "mock-provider",
                "--port",
                str(mock_port),
                "--latency-ms",
                str(MOCK_LATENCY_MS),
                "--prompt-tokens",
                str(MOCK_PROMPT_TOKENS),
                "--completion-tokens",
                str(MOCK_COMPLETION_TOKENS),
                *models,
            ),
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        ),  # fmt: skip
        subprocess.Popen(_command("serve"), env=env, start_new_session=True),
    ]
    stop = threading.Event()
    failure = ""
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    agents: list[Any] = []
    try:
        _wait(f"http://127.0.0.1:{mock_port}/v1/models", children[0], "the mock provider")
        _wait(f"{url}/api/v1/system/health", children[1], "AMS")
        admin = login(url, email, password)
        ready = set_up(admin, f"http://127.0.0.1:{mock_port}/v1")
        for index, agent in enumerate(ready):
            versions = [agent.spec.version] + ([agent.spec.canary_version] if agent.spec.canary_version else [])
            for version in versions:
                agents.append(SimulatedAgent(agent.spec, agent.key, url, version, stop, seed=index * 31 + len(version)))
        for thread in agents:
            thread.start()
        threading.Thread(target=_operator, args=(admin, stop), name="demo-operator", daemon=True).start()
        print(f"Demo fleet running: {len(ready)} agents ({len(agents)} processes' worth) against {url}", flush=True)
        print(f"  log in as {email} with password {password}", flush=True)
        print("  Ctrl-C stops the demo and AMS.", flush=True)
        while not stop.wait(1.0):
            for name, child in zip(names, children, strict=True):
                if child.poll() is not None:
                    raise RuntimeError(f"{name} exited with status {child.returncode}")
    except KeyboardInterrupt:
        pass
    except (DemoSetupError, RuntimeError) as exc:
        failure = f"ams demo: {exc}"
    finally:
        stop.set()
        # The agents stop together (each finishes its task and sends what it buffered) before AMS goes.
        deadline = time.monotonic() + 10
        for thread in agents:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    if failure:
        raise SystemExit(failure)
