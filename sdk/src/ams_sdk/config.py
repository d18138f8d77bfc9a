"""The SDK's settings: the arguments of `init`, else the `AMS_*` environment, else the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_ENDPOINT = "http://127.0.0.1:8080"


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass
class Config:
    """What `init` was told. Every field has an `AMS_*` variable, read only when the argument is not given.

    Attributes:
        api_key: The agent's key (`AMS_API_KEY`), sent as `Authorization: Bearer`.
        endpoint: AMS's base URL (`AMS_ENDPOINT`), without `/v1` or `/api/v1`.
        agent_id: The agent's id or name (`AMS_AGENT_ID`); with an agent key AMS knows it from the key.
        version: The agent's version (`AMS_AGENT_VERSION`), put on every span.
        buffer_spans: Spans held while AMS is unreachable (`AMS_BUFFER_SPANS`); past it the oldest are dropped
            and counted.
        buffer_events: Events and heartbeats held likewise (`AMS_BUFFER_EVENTS`).
        flush_interval_s: Longest a finished span waits before it is sent (`AMS_FLUSH_INTERVAL_S`).
        heartbeat_interval_s: Seconds between heartbeats (`AMS_HEARTBEAT_INTERVAL_S`); 0 sends none.
        timeout_s: Longest one request to AMS may take (`AMS_TIMEOUT_S`); the agent never waits on it, the
            SDK's threads do.
        guard_timeout_s: Longest a guard check may take before `guard_failure` applies (`AMS_GUARD_TIMEOUT_S`).
        guard_failure: What a tool does when AMS cannot answer a guard check (`AMS_GUARD_FAILURE`): `allow` (run
            it: AMS down must not stop the business) or `deny` (refuse it: safety first).
        kill_switch: Listen for emergency stops and pauses (`AMS_KILL_SWITCH`).
        poll_interval_s: Seconds between status reads when the event stream is down (`AMS_POLL_INTERVAL_S`).
        enabled: `AMS_ENABLED=false` turns the SDK into a no-op (decorators still run the code).
    """

    api_key: str = ""
    endpoint: str = DEFAULT_ENDPOINT
    agent_id: str = ""
    version: str = ""
    buffer_spans: int = 10_000
    buffer_events: int = 10_000
    flush_interval_s: float = 1.0
    heartbeat_interval_s: float = 15.0
    timeout_s: float = 5.0
    guard_timeout_s: float = 5.0
    guard_failure: str = "allow"
    kill_switch: bool = True
    poll_interval_s: float = 1.0
    enabled: bool = True
    resource_attributes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def resolve(cls, **given: object) -> Config:
        """Arguments that are not None win over the environment, which wins over the defaults."""
        env: dict[str, object] = {
            "api_key": os.environ.get("AMS_API_KEY", ""),
            "endpoint": os.environ.get("AMS_ENDPOINT", DEFAULT_ENDPOINT),
            "agent_id": os.environ.get("AMS_AGENT_ID", ""),
            "version": os.environ.get("AMS_AGENT_VERSION", ""),
            "buffer_spans": int(_env_float("AMS_BUFFER_SPANS", cls.buffer_spans)),
            "buffer_events": int(_env_float("AMS_BUFFER_EVENTS", cls.buffer_events)),
            "flush_interval_s": _env_float("AMS_FLUSH_INTERVAL_S", cls.flush_interval_s),
            "heartbeat_interval_s": _env_float("AMS_HEARTBEAT_INTERVAL_S", cls.heartbeat_interval_s),
            "timeout_s": _env_float("AMS_TIMEOUT_S", cls.timeout_s),
            "guard_timeout_s": _env_float("AMS_GUARD_TIMEOUT_S", cls.guard_timeout_s),
            "guard_failure": os.environ.get("AMS_GUARD_FAILURE", cls.guard_failure),
            "kill_switch": _env_bool("AMS_KILL_SWITCH", cls.kill_switch),
            "poll_interval_s": _env_float("AMS_POLL_INTERVAL_S", cls.poll_interval_s),
            "enabled": _env_bool("AMS_ENABLED", cls.enabled),
        }
        env.update({k: v for k, v in given.items() if v is not None})
        config = cls(**env)  # type: ignore[arg-type]
        config.endpoint = config.endpoint.rstrip("/")
        for suffix in ("/api/v1", "/v1"):
            if config.endpoint.endswith(suffix):
                config.endpoint = config.endpoint[: -len(suffix)]
        config.validate()
        return config

    def validate(self) -> None:
        if self.enabled and not self.api_key:
            raise ValueError("ams_sdk.init needs an api_key (or AMS_API_KEY): an agent key from AMS")
        if not self.endpoint.startswith(("http://", "https://")):
            raise ValueError(f"endpoint {self.endpoint!r} must start with http:// or https://")
        if self.guard_failure not in ("allow", "deny"):
            raise ValueError(f"guard_failure must be 'allow' or 'deny', not {self.guard_failure!r}")
        if self.buffer_spans < 1 or self.buffer_events < 1:
            raise ValueError("buffer_spans and buffer_events must be at least 1")

    @property
    def headers(self) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.api_key}", "User-Agent": "ams-sdk-python"}
        if self.agent_id:
            # Only read with a project key, which must name its agent; an agent key already is one agent.
            headers["X-AMS-Agent"] = self.agent_id
        return headers
