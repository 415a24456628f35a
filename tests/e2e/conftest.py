"""Every layer as a real process, on the embedded default and on PostgreSQL + Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from noc_devstack import Stack, StackConfig, start_stack
from tests.support.services import free_port, postgres_database, redis_url

ADMIN_PASSWORD = "e2e-admin-pw-123"


@pytest.fixture(params=["sqlite", "postgres"])
def stack(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stack]:
    """The three layers on free ports: SQLite + SqliteHuey, or PostgreSQL + RedisHuey."""
    with ExitStack() as resources:
        cfg = StackConfig(var_dir=tmp_path / "var", backend_port=free_port(),
                          scheduler_port=free_port(), node_port=free_port(),
                          admin_password=ADMIN_PASSWORD,
                          queue_prefix=f"noc-e2e-{uuid.uuid4().hex[:8]}")
        if request.param == "postgres":
            cfg.backend_database_url = resources.enter_context(postgres_database())
            cfg.scheduler_database_url = resources.enter_context(postgres_database())
            queue = resources.enter_context(redis_url())
            cfg.scheduler_queue_url = queue
            cfg.node_queue_url = queue
        stack = start_stack(cfg)
        resources.callback(_flush_redis_queues, cfg)
        try:
            yield stack
        finally:
            stack.stop()
            for layer in ("backend", "scheduler", "node"):
                log = cfg.var_dir / "log" / f"{layer}.log"
                if log.exists():
                    print(f"----- {layer} log (tail) -----\n{log.read_text()[-4000:]}")


def _flush_redis_queues(cfg: StackConfig) -> None:
    if not (cfg.scheduler_queue_url or "").startswith("redis://"):
        return
    import redis

    client = redis.Redis.from_url(cfg.scheduler_queue_url or "")
    for key in client.scan_iter(match=f"*{cfg.queue_prefix}*"):
        client.delete(key)


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    """A client of the public API v1, logged in as the bootstrap admin."""
    with httpx.Client(base_url=f"{stack.backend_url}/api/v1", timeout=30) as client:
        r = client.post("/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
        assert r.status_code == 200, r.text
        client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        yield client
