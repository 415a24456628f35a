"""``noc-node migrate [--config FILE]``: a fresh data folder gets the stores' schema, a second
run is up to date, a database a newer release migrated is refused (by ``serve`` too), and a
config file that is not there is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from noc_node.core.db import connect_sqlite
from noc_node.delivery.outbox import Outbox
from noc_node.tasks.store import TaskStore
from tests.node.conftest import TOKEN
from tests.support.schema import schema_of, versions_of

CLI = [sys.executable, "-m", "noc_node.cli"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_NODE_")}
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=60,
                          check=False)


def test_migrate_makes_the_stores_schema_then_is_up_to_date(tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    config = tmp_path / "node.env"
    config.write_text(f"NOC_NODE_TOKEN={TOKEN}\nNOC_NODE_DATA_DIR={data_dir}\n")
    first = _run("migrate", "--config", str(config))
    assert (first.returncode, first.stdout, first.stderr) == (0, "applied 0001_initial\n", "")
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    again = _run("migrate", "--config", str(config))
    assert (again.returncode, again.stdout) == (0, "up to date: 0001_initial\n")

    migrated, modelled = connect_sqlite(data_dir / "node.db"), connect_sqlite(tmp_path / "m.db")
    try:
        assert versions_of(migrated) == [(1, "initial")]
        with modelled.connection_context():
            modelled.create_tables([TaskStore(modelled).Record, Outbox(modelled).Item])
        assert schema_of(migrated) == schema_of(modelled)
        with migrated.connection_context():
            migrated.execute_sql("INSERT INTO schema_version VALUES (5, 'from_the_future', "
                                 "'2030-01-01 00:00:00')")
    finally:
        migrated.close_all()
        modelled.close_all()
    for command in (["migrate"], ["serve", "--port", "9"]):
        refused = _run(*command, "--config", str(config))
        assert refused.returncode == 1, refused.stderr
        assert "0005_from_the_future, newer than this release knows" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    result = _run("migrate", "--config", str(tmp_path / "nope.env"))
    assert (result.returncode, result.stderr) == (
        2, f"noc-node: --config {tmp_path / 'nope.env'}: no such file\n")


def test_a_file_that_is_not_a_database_is_named_without_a_traceback(tmp_path: Path) -> None:
    """SQLite's "file is not a database" is a DatabaseError, not an OperationalError."""
    data_dir = tmp_path / "node"
    data_dir.mkdir(mode=0o700)
    (data_dir / "node.db").write_bytes(b"this is not a SQLite database file, " * 64)
    config = tmp_path / "node.env"
    config.write_text(f"NOC_NODE_TOKEN={TOKEN}\nNOC_NODE_DATA_DIR={data_dir}\n")
    result = _run("migrate", "--config", str(config))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"noc-node: migrate: cannot use {data_dir / 'node.db'}: file is "
                             "not a database\n")
    served = _run("serve", "--config", str(config), "--port", "9")
    assert served.returncode == 1
    assert served.stderr.endswith(f"noc-node: serve: cannot use {data_dir / 'node.db'}: file "
                                  "is not a database\n"), served.stderr
    assert "Traceback" not in served.stderr


def test_a_data_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    data_dir = tmp_path / "a-file" / "node"
    config = tmp_path / "node.env"
    config.write_text(f"NOC_NODE_TOKEN={TOKEN}\nNOC_NODE_DATA_DIR={data_dir}\n")
    result = _run("migrate", "--config", str(config))
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"noc-node: migrate: NOC_NODE_DATA_DIR {data_dir}: Not a directory\n")
