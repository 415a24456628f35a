"""Every layer as a real process, on the embedded default and on PostgreSQL + Redis."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from noc_devstack import Stack, StackConfig, start_stack
from noc_devstack.scaleout import ScaleOut
from tests.support.services import flush_redis, free_port, postgres_database, redis_url
from tests.support.sshd import SshHost, start_sshd_hosts

ADMIN_PASSWORD = "e2e-admin-pw-123"


StackFactory = Callable[..., Stack]


@pytest.fixture(params=["sqlite", "postgres"])
def stack_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StackFactory]:
    """Starts the three layers on free ports: SQLite + SqliteHuey, or PostgreSQL + RedisHuey.

    Call it with extra environment for the layers (e.g. a short lease grace for kill tests).
    """
    with ExitStack() as resources:
        started: list[Stack] = []

        def make(**extra_env: str) -> Stack:
            cfg = StackConfig(var_dir=tmp_path / "var", backend_port=free_port(),
                              scheduler_port=free_port(), node_port=free_port(),
                              admin_password=ADMIN_PASSWORD,
                              queue_prefix=f"noc-e2e-{uuid.uuid4().hex[:8]}",
                              extra_env=dict(extra_env))
            if request.param == "postgres":
                cfg.backend_database_url = resources.enter_context(postgres_database())
                cfg.scheduler_database_url = resources.enter_context(postgres_database())
                queue = resources.enter_context(redis_url())
                cfg.scheduler_queue_url = queue
                cfg.node_queue_url = queue
                resources.callback(flush_redis, queue, cfg.queue_prefix)
            stack = start_stack(cfg)
            started.append(stack)
            return stack

        try:
            yield make
        finally:
            for stack in started:
                stack.stop()
                for layer in ("backend", "scheduler", "node"):
                    log = stack.config.var_dir / "log" / f"{layer}.log"
                    if log.exists():
                        print(f"----- {layer} log (tail) -----\n{log.read_text()[-4000:]}")


@pytest.fixture
def stack(stack_factory: StackFactory) -> Stack:
    return stack_factory()


def api_client(stack: Stack | ScaleOut, password: str = ADMIN_PASSWORD) -> httpx.Client:
    """A client of the public API v1, logged in as the bootstrap admin (caller closes it)."""
    base = f"{stack.backend_url}/api/v1"
    r = httpx.post(f"{base}/auth/login", json={"username": "admin", "password": password})
    assert r.status_code == 200, r.text
    return httpx.Client(base_url=base, timeout=30,
                        headers={"Authorization": f"Bearer {r.json()['access_token']}"})


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    client = api_client(stack)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def sshd_hosts(tmp_path: Path) -> Iterator[list[SshHost]]:
    """Four real sshd test hosts on 127.0.0.2-5, accepting one generated key."""
    with start_sshd_hosts(tmp_path / "sshd", addresses=[f"127.0.0.{i}" for i in range(2, 6)]) as hosts:
        yield hosts
