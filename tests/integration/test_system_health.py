"""`ams serve` with Redis as its shared state: /system/health names it, and answers 503 once Redis is gone. Redis is
reached through a local TCP relay, so that the test can take it away without touching the real server."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.conftest import skip_backend
from tests.integration.conftest import start_server
from tests.integration.gateway_support import REDIS_URL, redis_unreachable


class TcpRelay:
    """Forwards connections on a local port to `upstream`, until closed: then it refuses new connections and cuts
    the open ones."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)  # so that the accepting thread sees `closed`
        self.port = int(self.listener.getsockname()[1])
        self.closed = threading.Event()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            client.settimeout(None)
            server = socket.create_connection(self.upstream)
            with self.lock:
                self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()
        self.listener.close()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.closed.set()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


def test_system_health_names_redis_and_fails_without_it(tmp_path: Path):
    reason = redis_unreachable()
    if reason:
        skip_backend(f"Redis at {REDIS_URL}", reason)
    parts = urlsplit(REDIS_URL)
    relay = TcpRelay((parts.hostname or "127.0.0.1", parts.port or 6379))
    server = start_server(tmp_path, None, AMS_REDIS_URL=f"redis://127.0.0.1:{relay.port}{parts.path}")
    try:
        up = httpx.get(f"{server.url}/api/v1/system/health", timeout=10)
        assert up.status_code == 200, up.text
        components = {c["name"]: c for c in up.json()["components"]}
        assert components["shared_state"] == {"name": "shared_state", "ok": True, "detail": "redis"}
        relay.close()
        down = httpx.get(f"{server.url}/api/v1/system/health", timeout=10)
        assert down.status_code == 503, down.text
        body = down.json()
        assert body["status"] == "degraded"
        components = {c["name"]: c for c in body["components"]}
        assert components["shared_state"]["ok"] is False
        assert components["shared_state"]["detail"].startswith("redis: ")
        assert components["control_database"]["ok"] and components["telemetry_store"]["ok"]
    finally:
        relay.close()
        server.stop()
