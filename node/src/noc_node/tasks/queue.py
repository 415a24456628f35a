"""The node's Huey queue, chosen by URL, and the embedded consumer that drains it.

``sqlite:///path`` -> SqliteHuey (polled, so with a short delay); ``redis://...`` ->
RedisHuey named ``QUEUE_NAME``. The consumer runs thread workers inside the API process.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

from noc_node.core.errors import QueueConfigError

logger = logging.getLogger(__name__)

#: slowest idle polling of the SQLite queue: bounds how long accepted work waits to start
MAX_POLL_S = 0.25


def make_huey(queue_url: str, queue_name: str) -> Any:
    """A Huey instance for ``queue_url``; task results are not stored (we report them by REST)."""
    if queue_url.startswith("sqlite:///"):
        path = Path(queue_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name=queue_name, filename=str(path), results=False)
    if queue_url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name=queue_name, url=queue_url, results=False)
    raise QueueConfigError(f"unsupported queue URL scheme: {queue_url.split(':', 1)[0]!r} "
                           "(use sqlite:///path or redis://host:port/db)")


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A Huey consumer that leaves signal handling to the host process (uvicorn)."""

    def _set_signal_handlers(self) -> None:
        """Uvicorn owns SIGINT/SIGTERM; the lifespan stops us."""


def make_consumer(huey: Any, workers: int) -> EmbeddedConsumer:
    """Thread workers polling quickly, no periodic scheduler (we have no periodic tasks)."""
    return EmbeddedConsumer(huey, workers=workers, periodic=False, worker_type="thread",
                            initial_delay=0.05, backoff=1.5, max_delay=MAX_POLL_S,
                            check_worker_health=False)
