"""The Huey queue chosen by URL, and a consumer that runs as threads inside our process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

from noc_scheduler.core.errors import ConfigError


def build_huey(url: str, name: str) -> Any:
    """``sqlite:///path`` -> SqliteHuey; ``redis://...`` -> RedisHuey(name=name)."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path:
            raise ConfigError(f"sqlite queue URL needs a file path: {url!r}")
        Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return SqliteHuey(name=name, filename=path, results=False, timeout=30)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name=name, url=url, results=False)
    scheme = url.split(":", 1)[0]
    raise ConfigError(f"unsupported queue URL scheme {scheme!r} (sqlite:///path or redis://...)")


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A consumer started from a web server's lifespan: the server owns the signals."""

    def _set_signal_handlers(self) -> None:
        return None


def build_consumer(huey: Any, workers: int) -> EmbeddedConsumer:
    """Thread workers polling quickly (a low delay keeps dispatch latency small on SQLite)."""
    return EmbeddedConsumer(huey, workers=workers, worker_type="thread", periodic=False,
                            initial_delay=0.02, backoff=1.15, max_delay=0.25,
                            check_worker_health=False)
