"""The machine's PostgreSQL and Redis, and the rule for when a test may skip without them.

A test that needs a service may skip, with the reason, only where the service is absent and
``CI`` is unset; under ``CI=true`` it fails instead.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from noc_devstack import free_port as free_port  # re-exported: the tests import it from here

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip (outside CI) or fail (under CI) when a needed service is missing."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing service fails, it does not skip)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (session); yields its URL."""
    require(port_open(PG_HOST, PG_PORT), f"PostgreSQL not listening on {PG_HOST}:{PG_PORT}")
    with scratch_database("noc_test") as url:
        yield url


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Create a PostgreSQL database named ``<prefix>_<random>``, yield its URL, drop it."""
    import psycopg2  # type: ignore[import-untyped]

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def redis_url() -> Iterator[str]:
    """The machine's Redis; yields a URL. Callers namespace their keys (a unique queue name)."""
    require(port_open(REDIS_HOST, REDIS_PORT), f"Redis not listening on {REDIS_HOST}:{REDIS_PORT}")
    yield f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


def flush_redis(url: str, prefix: str) -> None:
    """Delete every key of ``url``'s Redis that carries ``prefix`` (a run's queues)."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        for key in client.scan_iter(match=f"*{prefix}*"):
            client.delete(key)
    finally:
        client.close()
