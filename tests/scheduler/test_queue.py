"""The queue by URL: SqliteHuey and RedisHuey each run a task through our embedded consumer."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from huey import RedisHuey, SqliteHuey

from noc_scheduler.core.errors import ConfigError
from noc_scheduler.dispatch.queue import build_consumer, build_huey
from tests.scheduler.harness import wait_for
from tests.support.services import redis_url


@pytest.fixture(params=["sqlite", "redis"])
def huey(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    name = f"noc-test-{uuid.uuid4().hex[:10]}"
    if request.param == "sqlite":
        queue = build_huey(f"sqlite:///{tmp_path / 'q.db'}", name)
        assert isinstance(queue, SqliteHuey)
        yield queue
        return
    with redis_url() as url:
        queue = build_huey(url, name)
        assert isinstance(queue, RedisHuey)
        try:
            yield queue
        finally:
            queue.storage.flush_all()
            leftovers = queue.storage.conn.keys(f"huey.*{name}*")
            if leftovers:
                queue.storage.conn.delete(*leftovers)


def test_consumer_threads_run_enqueued_tasks(huey: Any) -> None:
    seen: list[int] = []
    lock = threading.Lock()

    @huey.task()  # type: ignore[untyped-decorator]
    def record(n: int) -> None:
        with lock:
            seen.append(n)

    consumer = build_consumer(huey, workers=3)
    consumer.start()
    try:
        for n in range(20):
            record(n)
        wait_for(lambda: len(seen) == 20, what="all tasks")
    finally:
        consumer.stop(graceful=True)
    assert sorted(seen) == list(range(20))
    assert huey.pending_count() == 0


def test_consumer_start_leaves_signal_handlers_alone(huey: Any) -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM)
    consumer = build_consumer(huey, workers=1)
    consumer.start()
    consumer.stop(graceful=True)
    assert signal.getsignal(signal.SIGTERM) == before


@pytest.mark.parametrize("url", ["amqp://x", "sqlite:///", "postgresql://x/y"])
def test_unsupported_queue_url(url: str) -> None:
    with pytest.raises(ConfigError):
        build_huey(url, "x")
