"""A tiny real HTTP server standing in for the scheduler: records calls, answers as told."""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.tls import TlsFiles


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: Any
    status: int


@dataclass
class Receiver:
    """Calls received, and per-path status codes to answer (consumed in order, then 200)."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    script: dict[str, list[int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: TLS connections whose handshake failed (a client that did not trust our certificate)
    handshake_failures: int = 0

    def answer(self, path: str) -> int:
        with self.lock:
            queue = self.script.get(path) or []
            return queue.pop(0) if queue else 200

    def received(self, path: str, status: int | None = 200) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.path == path and (status is None or
                                                                 c.status == status)]

    def wait_for(self, path: str, count: int = 1, timeout: float = 30.0,
                 status: int | None = 200) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.received(path, status)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} call(s) to {path}, got {self.calls!r}")

    def host_results(self, task_id: str) -> dict[str, dict[str, Any]]:
        """Accepted host results of one task, by host name."""
        found: dict[str, dict[str, Any]] = {}
        for call in self.received("/internal/v1/results"):
            if call.body["task_id"] == task_id:
                for result in call.body["results"]:
                    found[result["host"]] = result
        return found


@contextmanager
def run_receiver(tls: TlsFiles | None = None) -> Iterator[Receiver]:
    """Serve on 127.0.0.1 (https with ``tls``'s certificate when given)."""
    receiver = Receiver()
    context: ssl.SSLContext | None = None
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls.cert, tls.key)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            status = receiver.answer(self.path)
            with receiver.lock:
                receiver.calls.append(Call(self.path, dict(self.headers), body, status))
            payload = json.dumps({"ok": status < 300}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def finish_request(self, request: Any, client_address: Any) -> None:
            if context is None:
                super().finish_request(request, client_address)
                return
            try:
                wrapped: socket.socket = context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                with receiver.lock:
                    receiver.handshake_failures += 1
                return
            try:
                super().finish_request(wrapped, client_address)
            finally:
                wrapped.close()

    server = Server(("127.0.0.1", 0), Handler)
    scheme = "https" if context is not None else "http"
    receiver.url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
