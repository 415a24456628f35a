"""Upgrading release f4c2b56's backend database (``tests/fixtures/release-f4c2b56``): the real
``noc-backend migrate`` keeps every row with its values, records the steps, leaves the schema
the models declare, and the backend then serves from it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from peewee import DatabaseError

from noc_backend.core.db import close_database, make_database
from noc_backend.main import create_app
from noc_backend.models import ALL_MODELS
from tests.backend.utils import make_settings
from tests.support.schema import (
    FIXTURE_ADMIN_PASSWORD,
    FIXTURE_SECRETS_KEY,
    copy_fixture,
    load_dump,
    rows_of,
    schema_of,
    versions_of,
)
from tests.support.services import free_port, postgres_database

CLI = [sys.executable, "-m", "noc_backend.cli"]
#: the release's executions are older than any retention: keep them to read them back
SETTINGS = {"NOC_BACKEND_SECRETS_KEY": FIXTURE_SECRETS_KEY,
            "NOC_BACKEND_HISTORY_RETENTION_DAYS": "0",
            "NOC_BACKEND_INTERNAL_TOKEN": "release-internal-token",
            "NOC_BACKEND_LOG_LEVEL": "WARNING"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    env.update(extra)
    return env


def _snapshot(url: str) -> tuple[dict[str, Any], dict[str, Any], list[tuple[int, str]]]:
    db = make_database(url)
    try:
        with db.connection_context():
            versions = versions_of(db) if db.table_exists("schema_version") else []
        return rows_of(db), schema_of(db), versions
    finally:
        close_database(db)


def _models_schema(url: str) -> dict[str, Any]:
    """The schema ``create_tables`` makes from today's models, in an empty database."""
    db = make_database(url)
    try:
        with db.connection_context(), db.bind_ctx(ALL_MODELS):
            db.create_tables(ALL_MODELS)
        return schema_of(db)
    finally:
        close_database(db)


def _audit_is_append_only(url: str) -> None:
    db = make_database(url)
    try:
        with db.connection_context(), pytest.raises(DatabaseError, match="append-only"):
            db.execute_sql('DELETE FROM "audit_entry"')
    finally:
        close_database(db)


def _read_through_the_api(client: httpx.Client | TestClient) -> None:
    token = client.post("/api/v1/auth/login", json={
        "username": "admin", "password": FIXTURE_ADMIN_PASSWORD})
    assert token.status_code == 200, token.text
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    hosts = {h["name"]: h for h in client.get("/api/v1/hosts").json()["data"]}
    assert sorted(hosts) == ["db1", "web1"]
    web1 = hosts["web1"]
    assert (web1["address"], web1["port"], web1["user"], web1["groups"], web1["vars"],
            web1["credential"], web1["node_selector"]) == (
        "10.0.0.11", 2222, "deploy", ["web"], {"http_port": 8080, "tier": "web"},
        "lab-password", {"site": "rio"})
    rio = client.get("/api/v1/groups/web").json()
    assert (rio["hosts"], rio["parents"]) == (["web1"], ["dc-rio"])
    [credential] = client.get("/api/v1/credentials").json()["data"]
    assert (credential["name"], credential["kind"]) == ("lab-password", "password")
    run = client.get("/api/v1/executions/exec-release-1").json()
    assert (run["status"], run["procedure_name"], run["launched_by"]) == (
        "success", "Health check", "admin")
    procedures = client.get("/api/v1/procedures").json()["data"]
    assert [(p["name"], p["version"]) for p in procedures] == [("Health check", 2)]
    actions = [e["action"] for e in client.get("/api/v1/audit").json()["data"]]
    assert {"host.create", "procedure.run"} <= set(actions)


@contextmanager
def _served(config: Path) -> Iterator[httpx.Client]:
    port = free_port()
    proc = subprocess.Popen([*CLI, "serve", "--config", str(config), "--port", str(port)],
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "the backend did not start"
            time.sleep(0.1)
        with httpx.Client(base_url=url, timeout=10) as client:
            yield client
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_the_release_sqlite_database_upgrades_and_serves(tmp_path: Path) -> None:
    path = copy_fixture("backend.db", tmp_path / "var")
    url = f"sqlite:///{path}"
    rows, schema, versions = _snapshot(url)
    assert versions == [] and all(rows.values())  # the release's: no versions, rows everywhere
    config = tmp_path / "backend.env"
    config.write_text(f"NOC_BACKEND_DATABASE_URL={url}\n"
                      + "".join(f"{k}={v}\n" for k, v in SETTINGS.items()))
    config.chmod(0o600)

    result = subprocess.run([*CLI, "migrate", "--config", str(config)], env=_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "applied 0001_initial\n"), result.stderr

    rows_after, schema_after, versions_after = _snapshot(url)
    assert rows_after == rows
    assert versions_after == [(1, "initial")]
    assert schema_after == schema == _models_schema(f"sqlite:///{tmp_path / 'models.db'}")
    _audit_is_append_only(url)
    with _served(config) as client:
        _read_through_the_api(client)


@pytest.mark.postgres
def test_the_release_postgresql_database_upgrades_and_serves() -> None:
    with postgres_database() as url, postgres_database() as models_url:
        load_dump(url, "backend.sql")
        rows, schema, versions = _snapshot(url)
        assert versions == [] and all(rows.values())

        result = subprocess.run([*CLI, "migrate"], env=_env(NOC_BACKEND_DATABASE_URL=url,
                                                            **SETTINGS),
                                capture_output=True, text=True, timeout=60, check=False)
        assert (result.returncode, result.stdout) == (0, "applied 0001_initial\n"), (
            result.stderr)

        rows_after, schema_after, versions_after = _snapshot(url)
        assert rows_after == rows
        assert versions_after == [(1, "initial")]
        assert schema_after == schema == _models_schema(models_url)
        _audit_is_append_only(url)
        settings = make_settings(url, secrets_key=FIXTURE_SECRETS_KEY,
                                 history_retention_days=0)
        with TestClient(create_app(settings)) as client:
            _read_through_the_api(client)
