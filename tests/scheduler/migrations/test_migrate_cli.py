"""``noc-scheduler migrate [--config FILE]``: its words and exit codes, and several schedulers
migrating one PostgreSQL database at once (as a scale-out deployment starts them)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

from noc_scheduler.migrations import LOCK_NAME
from noc_scheduler.store.db import open_database
from tests.scheduler.conftest import API_TOKEN
from tests.support.pg_role import ROLE_PASSWORD, limited_role
from tests.support.schema import versions_of
from tests.support.services import postgres_database

CLI = [sys.executable, "-m", "noc_scheduler.cli"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NOC_SCHEDULER_")}


def _config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "scheduler.env"
    path.write_text(f"NOC_SCHEDULER_DATABASE_URL={url}\n"
                    f"NOC_SCHEDULER_SECRETS_KEY={Fernet.generate_key().decode()}\n"
                    f"NOC_SCHEDULER_API_TOKEN={API_TOKEN}\n")
    path.chmod(0o600)
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=_env(), capture_output=True, text=True,
                          timeout=60, check=False)


def test_migrate_applies_then_says_up_to_date_and_refuses_a_newer_database(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scheduler.db'}"
    config = _config(tmp_path, url)
    first = _run("migrate", "--config", str(config))
    assert (first.returncode, first.stdout, first.stderr) == (0, "applied 0001_initial\n", "")
    again = _run("migrate", "--config", str(config))
    assert (again.returncode, again.stdout) == (0, "up to date: 0001_initial\n")
    db = open_database(url, 1)
    with db.connection_context():
        db.execute_sql("INSERT INTO schema_version VALUES (2, 'from_the_future', "
                       "'2030-01-01 00:00:00')")
    db.close_all()
    for command in (["migrate"], ["serve", "--port", "9"]):
        refused = _run(*command, "--config", str(config))
        assert refused.returncode == 1, refused.stderr
        assert "0002_from_the_future, newer than this release knows" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_serve_and_nodes_name_an_unreachable_database_as_migrate_does(tmp_path: Path) -> None:
    config = _config(tmp_path, "postgresql://postgres@127.0.0.1:9/none")
    for command, said in ((["migrate"], "migrate"), (["serve", "--port", "9"], "serve"),
                          (["nodes", "list"], "nodes list")):
        result = _run(*command, "--config", str(config))
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(
            f"noc-scheduler: {said}: cannot use the database "
            "postgresql://postgres@127.0.0.1:9/none "
            "(NOC_SCHEDULER_DATABASE_URL): "), result.stderr
        assert "Traceback" not in result.stderr


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    result = _run("migrate", "--config", str(tmp_path / "nope.env"))
    assert (result.returncode, result.stderr) == (
        2, f"noc-scheduler: --config {tmp_path / 'nope.env'}: no such file\n")


def test_three_schedulers_migrating_one_postgresql_database_take_turns(tmp_path: Path) -> None:
    """The test holds the migration lock while they start, so all three are inside their
    migration transaction at once; released, each step is applied exactly once."""
    import psycopg2  # type: ignore[import-untyped]

    with postgres_database() as url:
        config = _config(tmp_path, url)
        holder = psycopg2.connect(url)
        holder.autocommit = True
        with holder.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(hashtext(%s))", (LOCK_NAME,))
        procs = [subprocess.Popen([*CLI, "migrate", "--config", str(config)], env=_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
        try:
            deadline = time.monotonic() + 30
            while _waiting(holder) < 3:
                assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
                assert time.monotonic() < deadline, "they never waited for the lock"
                time.sleep(0.05)
            with holder.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(hashtext(%s))", (LOCK_NAME,))
            outputs = [p.communicate(timeout=60) for p in procs]
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
            holder.close()
        assert [p.returncode for p in procs] == [0, 0, 0], outputs
        assert sorted(out for out, _ in outputs) == ["applied 0001_initial\n",
                                                     "up to date: 0001_initial\n",
                                                     "up to date: 0001_initial\n"]
        db = open_database(url, 1)
        try:
            assert versions_of(db) == [(1, "initial")]
        finally:
            db.close_all()


def _waiting(conn: object) -> int:
    with conn.cursor() as cur:  # type: ignore[attr-defined]
        cur.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    "AND database = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())")
        return int(cur.fetchone()[0])


def test_a_role_without_create_is_told_on_a_fresh_database_and_migrates_a_ready_one(
        tmp_path: Path) -> None:
    """A database error that is not an OperationalError (PostgreSQL's permission denied is a
    ProgrammingError) is a message naming the database without its password, exit 1; a
    database already migrated by its owner needs no CREATE right: up to date."""
    with limited_role() as role:
        fresh = _run("migrate", "--config", str(_config(tmp_path, role.url)))
        shown = role.url.replace(f":{ROLE_PASSWORD}@", ":***@")
        assert (fresh.returncode, fresh.stdout) == (1, "")
        assert fresh.stderr.startswith(
            f"noc-scheduler: migrate: cannot use the database {shown} "
            "(NOC_SCHEDULER_DATABASE_URL): permission denied for schema public"), fresh.stderr
        assert "Traceback" not in fresh.stderr and ROLE_PASSWORD not in fresh.stderr
        owner = tmp_path / "owner"
        owner.mkdir()
        assert _run("migrate", "--config", str(_config(owner, role.owner_url))).returncode == 0
        role.grant_table_rights()
        ready = _run("migrate", "--config", str(_config(tmp_path, role.url)))
        assert (ready.returncode, ready.stdout, ready.stderr) == (
            0, "up to date: 0001_initial\n", "")
