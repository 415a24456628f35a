"""The PostgreSQL pool holds a connection for every thread that may need one at once, unless
``NOC_SCHEDULER_DATABASE_POOL_SIZE`` says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from playhouse.pool import PooledPostgresqlDatabase

from noc_scheduler.core.config import (
    API_THREADS,
    DEFAULT_POOL_SIZE,
    DEFAULT_WORKERS,
    LOOP_THREADS,
)
from noc_scheduler.store.db import open_database
from tests.scheduler.conftest import make_settings

URL = "postgresql://noc@127.0.0.1:9/noc_scheduler"  # never connected to here


@pytest.mark.parametrize("workers", [1, 64])
def test_the_pool_defaults_to_every_thread_that_may_hold_a_connection(
        tmp_path: Path, workers: int) -> None:
    settings = make_settings(tmp_path, URL, workers=workers)
    assert settings.pool_size == workers + API_THREADS + LOOP_THREADS
    db = open_database(settings.database_url, settings.pool_size)
    assert isinstance(db, PooledPostgresqlDatabase)
    assert db._max_connections == settings.pool_size


def test_the_pool_size_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOC_SCHEDULER_DATABASE_POOL_SIZE", "7")
    settings = make_settings(tmp_path, URL, workers=64)
    assert settings.pool_size == 7
    db = open_database(settings.database_url, settings.pool_size)
    assert isinstance(db, PooledPostgresqlDatabase)
    assert db._max_connections == 7


def test_the_default_pool_is_the_default_settings(tmp_path: Path) -> None:
    assert make_settings(tmp_path, URL, workers=DEFAULT_WORKERS).pool_size == DEFAULT_POOL_SIZE
