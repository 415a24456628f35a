"""An ASGI app served by uvicorn in a thread on a 127.0.0.1 ephemeral port, lifespan included:
what every layer's tests use to talk to a real server over HTTP(S)."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn

from tests.support.services import free_port


class ServerThread:
    """Run an ASGI app with uvicorn in a thread (its lifespan included)."""

    def __init__(self, app: Any, stop_timeout_s: float = 15.0, **tls: Any) -> None:
        """``tls``: uvicorn's ``ssl_certfile``/``ssl_keyfile`` to serve https."""
        self.stop_timeout_s = stop_timeout_s
        self.port = free_port()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on", **tls)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(self.stop_timeout_s)
