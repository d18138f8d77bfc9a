"""The kill switch: knowing, within a second, that AMS stopped or paused this agent.

A thread holds AMS's event stream (`GET /api/v1/stream?agent=`) open; on an `emergency_stop` or `agent_state`
event it re-reads the agent's status, which says whether a stop covers the agent. While the stream is down, the
status is polled every `poll_interval_s` instead. The status is the one source of truth; events only say when to
read it again.

The agent is halted while an emergency stop covers it or its lifecycle state is one an operator puts it in to
stop it (paused, maintenance, quarantined, decommissioning, decommissioned). A merely registered agent runs:
it has never been deployed, but nobody stopped it.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from typing import Any

import httpx

from ams_sdk.config import Config
from ams_sdk.errors import AgentStopped

logger = logging.getLogger("ams_sdk")

HALTED_STATES = frozenset({"paused", "maintenance", "quarantined", "decommissioning", "decommissioned"})
# AMS sends a keep-alive every 15 s; twice that without a byte means the connection is dead.
_STREAM_READ_TIMEOUT_S = 35.0
_STREAM_RETRY_MAX_S = 30.0


class KillSwitch:
    """Whether this agent may start work, kept current from AMS."""

    def __init__(self, config: Config, client: httpx.Client) -> None:
        self.config = config
        self.client = client
        self.agent_ref = config.agent_id
        self._halt: tuple[str, dict[str, Any] | None] | None = None
        self._lock = threading.Lock()
        self._stream_up = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._response: httpx.Response | None = None

    @property
    def halted(self) -> bool:
        return self._halt is not None

    def ensure_running(self) -> None:
        """Raise `AgentStopped` when AMS stopped or paused this agent; cheap enough for every call."""
        halt = self._halt
        if halt is not None:
            raise AgentStopped(*halt)

    def trip(self, reason: str, emergency_stop: dict[str, Any] | None) -> None:
        """Halt now: the guard or the gateway met the stop before the stream told of it."""
        with self._lock:
            was = self._halt
            self._halt = (reason, emergency_stop)
        if was is None:
            logger.warning("AMS SDK: agent halted by AMS: %s", reason)

    def start(self) -> None:
        for target, name in ((self._listen, "ams-sdk-stream"), (self._poll, "ams-sdk-status")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        response = self._response
        if response is None:
            return
        # Closing a socket does not wake a thread blocked reading it; shutting it down does, and AMS sees the
        # connection go at once rather than at the next keep-alive. httpcore exposes the socket for this.
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        try:
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError as exc:  # already closed by the other side
            logger.debug("AMS SDK: closing the event stream: %s", exc)

    def refresh(self) -> None:
        """Read the agent's status and halt or release accordingly. AMS unreachable changes nothing."""
        if not self.agent_ref and not self._learn_agent():
            return
        try:
            response = self.client.get(f"/api/v1/agents/{self.agent_ref}/status")
        except httpx.HTTPError:
            return
        if response.status_code != 200:
            return
        self.apply_status(response.json())

    def apply_status(self, status: dict[str, Any]) -> None:
        stop = status.get("emergency_stop")
        state = str(status.get("lifecycle_state") or "")
        if stop:
            reason = f"emergency stop ({stop.get('scope', '?')}): {stop.get('reason') or 'no reason given'}"
            self.trip(reason, stop)
        elif state in HALTED_STATES:
            reason = f"agent is {state}" + (f": {status['state_reason']}" if status.get("state_reason") else "")
            self.trip(reason, None)
        else:
            with self._lock:
                was, self._halt = self._halt, None
            if was is not None:
                logger.warning("AMS SDK: agent released by AMS; new work may start")

    def _learn_agent(self) -> bool:
        """An agent key is one agent: AMS says which."""
        try:
            response = self.client.get("/api/v1/auth/me")
            agent_id = response.json().get("agent_id") if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return False
        if agent_id:
            self.agent_ref = str(agent_id)
        return bool(agent_id)

    def _poll(self) -> None:
        while not self._stopping.is_set():
            if not self._stream_up.is_set():
                self.refresh()
            self._stopping.wait(self.config.poll_interval_s)

    def _listen(self) -> None:
        retry = 1.0
        while not self._stopping.is_set():
            if not self.agent_ref and not self._learn_agent():
                self._stopping.wait(retry)
                retry = min(retry * 2, _STREAM_RETRY_MAX_S)
                continue
            try:
                self._follow_stream()
                retry = 1.0
            except (httpx.HTTPError, httpx.StreamError, ValueError, RuntimeError) as exc:
                if self._stopping.is_set():
                    return
                logger.debug("AMS SDK: event stream down (%s); polling the status", exc)
            finally:
                self._response = None
                self._stream_up.clear()
            self._stopping.wait(retry)
            retry = min(retry * 2, _STREAM_RETRY_MAX_S)

    def _follow_stream(self) -> None:
        timeout = httpx.Timeout(self.config.timeout_s, read=_STREAM_READ_TIMEOUT_S)
        params = {"agent": self.agent_ref}
        with self.client.stream("GET", "/api/v1/stream", params=params, timeout=timeout) as response:
            if response.status_code != 200:
                raise ValueError(f"the stream answered {response.status_code}")
            self._response = response
            self._stream_up.set()
            # What happened before the stream opened is only in the status.
            self.refresh()
            event, data = "", ""
            for line in response.iter_lines():
                if self._stopping.is_set():
                    return
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data += line[5:].strip()
                elif not line:
                    if event in ("emergency_stop", "agent_state"):
                        self._act_on(event, data)
                        self.refresh()
                    event, data = "", ""

    def _act_on(self, event: str, data: str) -> None:
        """Halt at once when the event itself says this agent is stopped, a round trip before the status read
        confirms it (stops of a project or a tag need the status: only AMS knows the agent's project and tags)."""
        try:
            body = json.loads(data) if data else {}
        except ValueError:
            return
        if event == "agent_state" and body.get("agent_id") == self.agent_ref:
            state = str(body.get("lifecycle_state") or "")
            if state in HALTED_STATES:
                self.trip(f"agent is {state}", None)
            return
        for stop in body.get("stops") or []:
            if stop.get("scope") == "fleet" or (stop.get("scope") == "agent" and stop.get("target") == self.agent_ref):
                reason = f"emergency stop ({stop['scope']}): {stop.get('reason') or 'no reason given'}"
                self.trip(reason, stop)
                return
