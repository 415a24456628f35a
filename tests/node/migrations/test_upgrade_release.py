"""Upgrading release f4c2b56's node database (``tests/fixtures/release-f4c2b56/node.db``): the
real ``noc-node migrate`` keeps every task record and outbox item, records the steps, leaves
the schema the stores declare, and the node then serves from it: it knows its old tasks and
delivers the result left in its outbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from noc_node.core.config import Settings
from noc_node.core.db import connect_sqlite
from noc_node.delivery.outbox import Outbox
from noc_node.tasks.store import TaskStore
from tests.node.conftest import TOKEN, serve
from tests.node.receiver import run_receiver
from tests.support.schema import copy_fixture, rows_of, schema_of, versions_of

CLI = [sys.executable, "-m", "noc_node.cli"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NOC_NODE_")}


def _snapshot(path: Path) -> tuple[dict[str, Any], dict[str, Any], list[tuple[int, str]]]:
    db = connect_sqlite(path)
    try:
        with db.connection_context():
            versions = versions_of(db) if db.table_exists("schema_version") else []
        return rows_of(db), schema_of(db), versions
    finally:
        db.close_all()


def _stores_schema(path: Path) -> dict[str, Any]:
    """The schema the stores' models make with ``create_tables`` in an empty database."""
    db = connect_sqlite(path)
    try:
        with db.connection_context():
            db.create_tables([TaskStore(db).Record, Outbox(db).Item])
        return schema_of(db)
    finally:
        db.close_all()


def test_the_release_node_database_upgrades_and_serves(tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    path = copy_fixture("node.db", data_dir)
    rows, schema, versions = _snapshot(path)
    assert versions == [] and all(rows.values())
    with run_receiver() as scheduler:
        config = tmp_path / "node.env"
        config.write_text(f"NOC_NODE_TOKEN={TOKEN}\nNOC_NODE_DATA_DIR={data_dir}\n"
                          f"NOC_NODE_SCHEDULER_URL={scheduler.url}\n"
                          "NOC_NODE_WARM_ANSIBLE=false\nNOC_NODE_HEARTBEAT_S=0.2\n"
                          "NOC_NODE_RETRY_BASE_S=0.1\n")
        config.chmod(0o600)
        result = subprocess.run([*CLI, "migrate", "--config", str(config)], env=_env(),
                                capture_output=True, text=True, timeout=60, check=False)
        assert (result.returncode, result.stdout) == (0, "applied 0001_initial\n"), (
            result.stderr)

        rows_after, schema_after, versions_after = _snapshot(path)
        assert rows_after == rows
        assert versions_after == [(1, "initial")]
        assert schema_after == schema == _stores_schema(tmp_path / "stores.db")

        settings = Settings(_env_file=config)  # type: ignore[call-arg]
        with serve(settings) as client:
            for task_id, status in (("task-release-1", "done"), ("task-release-2", "lost")):
                cancel = client.post(f"/tasks/{task_id}/cancel")
                assert (cancel.status_code, cancel.json()["status"]) == (202, status)
            [delivered] = scheduler.wait_for("/internal/v1/results")
            assert delivered.body["task_id"] == "task-release-2"
            assert [(r["host"], r["status"], r["rc"]) for r in delivered.body["results"]] == [
                ("db1", "failed", 2)]
