"""Real backend servers on 127.0.0.1 ephemeral ports: the app under a uvicorn thread, or the
``noc-backend serve`` process with its environment; and the real scheduler app a backend talks
to."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from noc_backend.cli import uvicorn_options
from noc_backend.core.config import Settings
from noc_backend.main import create_app
from noc_scheduler.app import create_app as create_scheduler
from noc_scheduler.runtime import Runtime
from tests.backend.utils import ADMIN_PASSWORD, INTERNAL, SCHEDULER_TOKEN
from tests.scheduler.conftest import make_settings as scheduler_settings
from tests.support.server import ServerThread
from tests.support.services import free_port

CLI = [sys.executable, "-m", "noc_backend.cli"]


@contextmanager
def serve_app(settings: Settings,
              scheduler_transport: httpx.BaseTransport | None = None) -> Iterator[str]:
    """``create_app(settings)`` under uvicorn (TLS when the settings say so); yields its URL.
    ``scheduler_transport`` stands in for the scheduler's network, as in ``create_app``."""
    app = create_app(settings, scheduler_transport=scheduler_transport)
    with ServerThread(app, **uvicorn_options(settings)) as server:
        yield server.url


@dataclass(frozen=True)
class SchedulerServed:
    """The real scheduler app's URL and its runtime (to look into the scheduler's database)."""

    url: str
    runtime: Runtime


@contextmanager
def serve_scheduler(tmp: Path) -> Iterator[SchedulerServed]:
    """The real scheduler app (its API and sandbox, no firing loop) on 127.0.0.1, its SQLite
    files under ``tmp``, trusting the backend's token: a backend with ``scheduler_url`` set to
    its URL previews, simulates and forwards runs to it for real."""
    app = create_scheduler(scheduler_settings(tmp, f"sqlite:///{tmp / 's.db'}",
                                              api_token=SCHEDULER_TOKEN), background=False)
    with ServerThread(app) as server:
        yield SchedulerServed(server.url, app.state.runtime)


def backend_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a test ``noc-backend serve`` (cheap hashing, quiet logs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    env.update({
        "NOC_BACKEND_DATABASE_URL": database_url,
        "NOC_BACKEND_SECRETS_KEY": Fernet.generate_key().decode(),
        "NOC_BACKEND_INTERNAL_TOKEN": INTERNAL["Authorization"].split()[1],
        "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "NOC_BACKEND_ARGON2_TIME_COST": "1", "NOC_BACKEND_ARGON2_MEMORY_KIB": "8",
        "NOC_BACKEND_ARGON2_PARALLELISM": "1", "NOC_BACKEND_LOG_LEVEL": "WARNING",
    })
    env.update(extra)
    return env


@dataclass(frozen=True)
class Served:
    url: str
    pid: int


@contextmanager
def backend_process(env: dict[str, str], cwd: Path, verify: ssl.SSLContext | bool = True,
                    umask: int = -1) -> Iterator[Served]:
    """``noc-backend serve`` on a free port, healthy (https when TLS is set); ``umask`` is the
    one it is started with."""
    port = free_port()
    scheme = "https" if env.get("NOC_BACKEND_TLS_CERT_FILE") else "http"
    proc = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, umask=umask)
    url = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1, verify=verify).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "exited")
            assert time.monotonic() < deadline, "backend did not start"
            time.sleep(0.1)
        yield Served(url, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
