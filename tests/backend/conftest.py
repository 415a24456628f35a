"""Backend fixtures: every app test runs on a temp SQLite file and on a fresh PostgreSQL DB."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from noc_backend.core.config import Settings
from noc_backend.main import create_app
from tests.backend.utils import login, make_settings
from tests.support.services import postgres_database

AppFactory = Callable[..., TestClient]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One fresh PostgreSQL database for the session; tests empty it after themselves."""
    with postgres_database() as url:
        yield url


def _empty_postgres(url: str) -> None:
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = ", ".join(f'"{name}"' for (name,) in cur.fetchall())
            if tables:
                cur.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    finally:
        conn.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on a temp SQLite file and on an emptied PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        yield url
        _empty_postgres(url)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return make_settings(db_url)


@pytest.fixture
def make_client(settings: Settings) -> Iterator[AppFactory]:
    """Build a started app (lifespan run) with optional setting overrides and scheduler."""
    opened: list[TestClient] = []

    def build(transport: httpx.BaseTransport | None = None, **overrides: Any) -> TestClient:
        app_settings = Settings(**{**settings.model_dump(), **overrides}) if overrides else settings
        client = TestClient(create_app(app_settings, scheduler_transport=transport))
        client.__enter__()
        opened.append(client)
        return client

    yield build
    for client in reversed(opened):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: AppFactory) -> TestClient:
    return make_client()


@pytest.fixture
def admin(client: TestClient) -> dict[str, str]:
    """Authorization headers of the bootstrap admin."""
    return login(client)
