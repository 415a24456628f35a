"""``check``'s look at a Huey queue URL: a SQLite queue's file (or its folder, before the
first start) is writable, a Redis one answers PING. The same text in the scheduler and the
node (a test keeps it so)."""

from __future__ import annotations

import os
from pathlib import Path

import redis

from noc_contracts.checks import CheckFailed, without_password

TIMEOUT_S = 5.0


def check_queue(url: str, setting: str) -> str:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not str(path):
            raise CheckFailed(f"{setting}: the sqlite queue URL needs a file path")
        target = path if path.exists() else next(
            (p for p in path.parents if p.exists()), Path("/"))
        if not os.access(target, os.W_OK):
            raise CheckFailed(f"{setting}: {target} is not writable by this user")
        return f"SQLite queue {path} writable" + ("" if path.exists() else " (created at start)")
    if url.startswith(("redis://", "rediss://", "unix://")):
        client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_S,
                                      socket_connect_timeout=TIMEOUT_S)
        try:
            client.ping()
        except redis.RedisError as exc:
            raise CheckFailed(f"{setting}: {without_password(url)} does not answer "
                              f"({type(exc).__name__}: {exc})") from None
        finally:
            client.close()
        return f"Redis {without_password(url)} answers"
    raise CheckFailed(f"{setting}: unsupported queue URL scheme "
                      f"{url.split(':', 1)[0]!r} (sqlite:///path or redis://...)")
