"""``noc-backend migrate [--config FILE]`` as an admin or an installer runs it: what it prints,
its exit status, and two of it racing on one PostgreSQL database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

from noc_backend.core.db import close_database, make_database
from noc_backend.migrations import LOCK_NAME
from tests.support.pg_role import ROLE_PASSWORD, limited_role
from tests.support.schema import versions_of
from tests.support.services import postgres_database

CLI = [sys.executable, "-m", "noc_backend.cli"]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_BACKEND_")}
    env.update(extra)
    return env


def _config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "backend.env"
    path.write_text("# written by an installer\n"
                    f"NOC_BACKEND_DATABASE_URL={url}\n"
                    f"NOC_BACKEND_SECRETS_KEY={Fernet.generate_key().decode()}\n")
    path.chmod(0o600)
    return path


def _migrate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "migrate", *args], env=env or _clean_env(),
                          capture_output=True, text=True, timeout=60, check=False)


def test_migrate_applies_then_says_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'backend.db'}"
    config = _config(tmp_path, url)
    first = _migrate("--config", str(config))
    assert (first.returncode, first.stdout, first.stderr) == (0, "applied 0001_initial\n", "")
    again = _migrate("--config", str(config))
    assert (again.returncode, again.stdout) == (0, "up to date: 0001_initial\n")
    db = make_database(url)
    try:
        assert versions_of(db) == [(1, "initial")]
    finally:
        close_database(db)


def test_the_environment_wins_over_the_config_file(tmp_path: Path) -> None:
    config = _config(tmp_path, f"sqlite:///{tmp_path / 'from-file.db'}")
    chosen = tmp_path / "from-env.db"
    result = _migrate("--config", str(config),
                      env=_clean_env(NOC_BACKEND_DATABASE_URL=f"sqlite:///{chosen}"))
    assert result.returncode == 0, result.stderr
    assert chosen.exists() and not (tmp_path / "from-file.db").exists()


def test_a_missing_config_file_is_named(tmp_path: Path) -> None:
    result = _migrate("--config", str(tmp_path / "nope.env"))
    assert result.returncode == 2
    assert result.stderr == f"noc-backend: --config {tmp_path / 'nope.env'}: no such file\n"


def test_a_bad_setting_is_named_by_migrate_and_serve_alike(tmp_path: Path) -> None:
    config = _config(tmp_path, f"sqlite:///{tmp_path / 'backend.db'}")
    with config.open("a") as file:
        file.write("NOC_BACKEND_HISTORY_RETENTION_DAYS=soon\n")
    for command in (["migrate"], ["serve", "--port", "9"]):
        result = subprocess.run([*CLI, *command, "--config", str(config)], env=_clean_env(),
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2
        assert result.stderr.startswith("noc-backend: configuration error: "
                                        "NOC_BACKEND_HISTORY_RETENTION_DAYS: "), result.stderr
    assert not (tmp_path / "backend.db").exists()


def test_a_database_newer_than_this_release_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    config = _config(tmp_path, url)
    assert _migrate("--config", str(config)).returncode == 0
    db = make_database(url)
    with db.connection_context():
        db.execute_sql("INSERT INTO schema_version VALUES (9, 'from_the_future', "
                       "'2030-01-01 00:00:00')")
    close_database(db)
    result = _migrate("--config", str(config))
    assert result.returncode == 1
    assert "schema step 0009_from_the_future, newer than this release knows" in result.stderr
    assert "Traceback" not in result.stderr
    served = subprocess.run([*CLI, "serve", "--config", str(config), "--port", "9"],
                            env=_clean_env(), capture_output=True, text=True, timeout=60,
                            check=False)
    assert served.returncode == 1
    assert "0009_from_the_future, newer than this release knows" in served.stderr


def test_an_unreachable_database_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    config = _config(tmp_path, "postgresql://postgres@127.0.0.1:9/none")
    result = _migrate("--config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith("noc-backend: migrate: cannot use the database "
                                    "postgresql://postgres@127.0.0.1:9/none "
                                    "(NOC_BACKEND_DATABASE_URL): ")
    assert "Traceback" not in result.stderr


def test_serve_names_an_unreachable_database_as_migrate_does(tmp_path: Path) -> None:
    config = _config(tmp_path, "postgresql://postgres@127.0.0.1:9/none")
    served = subprocess.run([*CLI, "serve", "--config", str(config), "--port", "9"],
                            env=_clean_env(), capture_output=True, text=True, timeout=60,
                            check=False)
    assert served.returncode == 1
    assert served.stderr.startswith("noc-backend: serve: cannot use the database "
                                    "postgresql://postgres@127.0.0.1:9/none "
                                    "(NOC_BACKEND_DATABASE_URL): "), served.stderr
    assert "Traceback" not in served.stderr


def test_two_migrate_processes_on_postgresql_take_turns(tmp_path: Path) -> None:
    """The test holds the migration lock while both start, so both are inside their
    migration transaction at once; released, each step is applied exactly once."""
    import psycopg2  # type: ignore[import-untyped]

    with postgres_database() as url:
        config = _config(tmp_path, url)
        holder = psycopg2.connect(url)
        holder.autocommit = True
        with holder.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(hashtext(%s))", (LOCK_NAME,))
        procs = [subprocess.Popen([*CLI, "migrate", "--config", str(config)],
                                  env=_clean_env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        try:
            deadline = time.monotonic() + 30
            while _waiting_for_advisory_lock(holder) < 2:
                assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
                assert time.monotonic() < deadline, "the two never waited for the lock"
                time.sleep(0.05)
            with holder.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(hashtext(%s))", (LOCK_NAME,))
            outputs = [p.communicate(timeout=60) for p in procs]
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
            holder.close()
        assert [p.returncode for p in procs] == [0, 0], outputs
        assert sorted(out for out, _ in outputs) == ["applied 0001_initial\n",
                                                     "up to date: 0001_initial\n"]
        db = make_database(url)
        try:
            assert versions_of(db) == [(1, "initial")]
        finally:
            close_database(db)


def _waiting_for_advisory_lock(conn: object) -> int:
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
        fresh = _migrate("--config", str(_config(tmp_path, role.url)))
        shown = role.url.replace(f":{ROLE_PASSWORD}@", ":***@")
        assert (fresh.returncode, fresh.stdout) == (1, "")
        assert fresh.stderr.startswith(f"noc-backend: migrate: cannot use the database {shown} "
                                       "(NOC_BACKEND_DATABASE_URL): permission denied for "
                                       "schema public"), fresh.stderr
        assert "Traceback" not in fresh.stderr and ROLE_PASSWORD not in fresh.stderr
        owner = tmp_path / "owner"
        owner.mkdir()
        assert _migrate("--config", str(_config(owner, role.owner_url))).returncode == 0
        role.grant_table_rights()
        ready = _migrate("--config", str(_config(tmp_path, role.url)))
        assert (ready.returncode, ready.stdout, ready.stderr) == (
            0, "up to date: 0001_initial\n", "")
