"""Fixtures: scheduler settings on a temp SQLite (or a fresh PostgreSQL database), and a whole
scheduler served on a loopback port between a fake backend and a fake node."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from noc_scheduler.app import create_app
from noc_scheduler.core.config import Settings
from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from tests.scheduler.harness import FakeBackend, FakeNode
from tests.support.server import ServerThread
from tests.support.services import postgres_database

API_TOKEN = "api-token-123456"
BACKEND_TOKEN = "backend-token-123456"
NODE_TOKEN = "node-token-abcdef"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scheduler.db'}"
    else:
        with postgres_database() as url:
            yield url


def make_settings(tmp_path: Path, database_url: str, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "queue_url": f"sqlite:///{tmp_path / 'queue.db'}",
        "queue_name": f"test-{uuid.uuid4().hex[:8]}",
        "secrets_key": Fernet.generate_key().decode(), "api_token": API_TOKEN,
        "backend_token": BACKEND_TOKEN, "backend_url": "http://127.0.0.1:9",
        "workers": 2, "lease_grace_s": 0.3, "tick_s": 0.1, "node_stale_s": 30,
        # one request per host run, as these tests script it; test_batching turns it on
        "batching": False}
    values.update(extra)
    return Settings(**values)


@dataclass
class Stack:
    url: str
    rt: Runtime
    backend: FakeBackend
    node: FakeNode

    def api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.request(method, self.url + path, timeout=15,
                             headers={"Authorization": f"Bearer {API_TOKEN}"}, **kwargs)


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    """Extra scheduler settings for ``stack`` (a test module may override this fixture)."""
    return {}


@pytest.fixture
def stack(tmp_path: Path, database_url: str,
          scheduler_overrides: dict[str, Any]) -> Iterator[Stack]:
    backend = FakeBackend(BACKEND_TOKEN)
    holder: dict[str, str] = {}
    node = FakeNode("node-1", NODE_TOKEN, lambda: holder["url"])
    with ServerThread(backend.app) as backend_srv, ServerThread(node.app) as node_srv:
        settings = make_settings(tmp_path, database_url, backend_url=backend_srv.url,
                                 **scheduler_overrides)
        app = create_app(settings)
        rt: Runtime = app.state.runtime
        with rt.db.connection_context(), rt.db.atomic():
            registry.register(rt.box, node.name, node_srv.url, NODE_TOKEN)
        with ServerThread(app) as sched:
            holder["url"] = sched.url
            assert node.heartbeat().status_code == 200
            yield Stack(sched.url, rt, backend, node)
