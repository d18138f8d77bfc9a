"""An agent's HTTP endpoint on 127.0.0.1, for health probes to reach: it answers GETs with a chosen status, or holds
them unanswered, and records what it was asked."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def refused_url() -> str:
    """A URL on a port nothing listens on: connections to it are refused."""
    return f"http://127.0.0.1:{free_port()}"


class LocalEndpoint:
    """`status` answers every GET (`hang`: no answer until closed); `requests` lists each (method, path) asked."""

    def __init__(self, status: int = 200, *, hang: bool = False) -> None:
        self.status = status
        self.requests: list[tuple[str, str]] = []
        self._released = threading.Event()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                endpoint.requests.append(("GET", self.path))
                if hang:
                    endpoint._released.wait(30)
                    return
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def do_POST(self) -> None:  # noqa: N802
                endpoint.requests.append(("POST", self.path))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = False  # so that close() waits for every request: `requests` is final then
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Answer nothing more, and return once every connection's handler has finished."""
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
