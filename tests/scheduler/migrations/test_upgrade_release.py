"""Upgrading release f4c2b56's scheduler database (``tests/fixtures/release-f4c2b56``): the real
``noc-scheduler migrate`` keeps every row with its values, records the steps, leaves the
schema the models declare, and the scheduler then serves from it."""

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
from fastapi.testclient import TestClient
from peewee import Database

from noc_scheduler.app import create_app
from noc_scheduler.store.crypto import SecretBox
from noc_scheduler.store.db import open_database
from noc_scheduler.store.models import MODELS
from tests.scheduler.conftest import API_TOKEN, make_settings
from tests.support.schema import (
    FIXTURE_NODE_TOKEN,
    FIXTURE_SECRETS_KEY,
    copy_fixture,
    load_dump,
    rows_of,
    schema_of,
    versions_of,
)
from tests.support.services import free_port, postgres_database

CLI = [sys.executable, "-m", "noc_scheduler.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_SCHEDULER_")}
    env.update(extra)
    return env


def _settings(tmp_path: Path, url: str) -> dict[str, str]:
    # nothing listens at the backend URL: the undelivered event stays where it is
    return {"NOC_SCHEDULER_DATABASE_URL": url,
            "NOC_SCHEDULER_QUEUE_URL": f"sqlite:///{tmp_path / 'var' / 'queue.db'}",
            "NOC_SCHEDULER_SECRETS_KEY": FIXTURE_SECRETS_KEY,
            "NOC_SCHEDULER_API_TOKEN": API_TOKEN,
            "NOC_SCHEDULER_BACKEND_URL": f"http://127.0.0.1:{free_port()}",
            "NOC_SCHEDULER_HISTORY_RETENTION_DAYS": "0",
            "NOC_SCHEDULER_TEMPLATE_WORKERS": "1", "NOC_SCHEDULER_WORKERS": "1"}


def _closed(db: Database) -> None:
    if not db.is_closed():
        db.close()
    db.close_all()


def _snapshot(url: str) -> tuple[dict[str, Any], dict[str, Any], list[tuple[int, str]]]:
    db = open_database(url, 2)
    try:
        with db.connection_context():
            versions = versions_of(db) if db.table_exists("schema_version") else []
        return rows_of(db), schema_of(db), versions
    finally:
        _closed(db)


def _models_schema(url: str) -> dict[str, Any]:
    db = open_database(url, 2)
    try:
        with db.connection_context(), db.bind_ctx(MODELS):
            db.create_tables(MODELS)
        return schema_of(db)
    finally:
        _closed(db)


def _check_rows(rows: dict[str, Any]) -> None:
    """A few values read back by meaning (the whole rows are compared to the release's)."""
    [node] = rows["node"]
    assert SecretBox(FIXTURE_SECRETS_KEY).decrypt(node["token_enc"]) == FIXTURE_NODE_TOKEN
    [run] = rows["hostrun"]
    host = SecretBox(FIXTURE_SECRETS_KEY).decrypt_json(run["host_enc"])
    assert (host["name"], host["port"]) == ("web1", 2222)
    assert sorted(e["event_id"] for e in rows["outboxevent"]) == ["ev-release-1",
                                                                   "ev-release-2"]


def _read_through_the_api(client: httpx.Client | TestClient) -> None:
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    [schedule] = client.get("/internal/v1/schedules", headers=headers).json()
    assert (schedule["cron"], schedule["timezone"], schedule["status"], schedule["vars"],
            schedule["target"]["group"]) == ("*/5 * * * *", "America/Sao_Paulo", "paused",
                                    {"env": "lab"}, "web")
    [node] = client.get("/internal/v1/nodes", headers=headers).json()
    assert (node["name"], node["url"], node["labels"], node["draining"]) == (
        "node-rio", "http://127.0.0.1:8702", {"site": "rio"}, False)


@contextmanager
def _served(config: Path, tmp_path: Path) -> Iterator[httpx.Client]:
    port = free_port()
    proc = subprocess.Popen([*CLI, "serve", "--config", str(config), "--port", str(port),
                             "--log-level", "warning"], env=_env(), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        with httpx.Client(base_url=url, timeout=10) as client:
            yield client
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_release_sqlite_database_upgrades_and_serves(tmp_path: Path) -> None:
    path = copy_fixture("scheduler.db", tmp_path / "var")
    url = f"sqlite:///{path}"
    rows, schema, versions = _snapshot(url)
    assert versions == [] and all(rows.values())
    config = tmp_path / "scheduler.env"
    config.write_text("".join(f"{k}={v}\n" for k, v in _settings(tmp_path, url).items()))
    config.chmod(0o600)

    result = subprocess.run([*CLI, "migrate", "--config", str(config)], env=_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "applied 0001_initial\n"), result.stderr

    rows_after, schema_after, versions_after = _snapshot(url)
    assert rows_after == rows
    _check_rows(rows_after)
    assert versions_after == [(1, "initial")]
    assert schema_after == schema == _models_schema(f"sqlite:///{tmp_path / 'models.db'}")
    with _served(config, tmp_path) as client:
        _read_through_the_api(client)


def test_the_release_postgresql_database_upgrades_and_serves(tmp_path: Path) -> None:
    with postgres_database() as url, postgres_database() as models_url:
        load_dump(url, "scheduler.sql")
        rows, schema, versions = _snapshot(url)
        assert versions == [] and all(rows.values())

        result = subprocess.run([*CLI, "migrate"], env=_env(**_settings(tmp_path, url)),
                                capture_output=True, text=True, timeout=60, check=False)
        assert (result.returncode, result.stdout) == (0, "applied 0001_initial\n"), (
            result.stderr)

        rows_after, schema_after, versions_after = _snapshot(url)
        assert rows_after == rows
        _check_rows(rows_after)
        assert versions_after == [(1, "initial")]
        assert schema_after == schema == _models_schema(models_url)
        settings = make_settings(tmp_path, url, secrets_key=FIXTURE_SECRETS_KEY,
                                 history_retention_days=0)
        with TestClient(create_app(settings, background=False)) as client:
            _read_through_the_api(client)
