"""The backend's files are its user's alone: ``noc-backend serve`` runs with umask 077 and its
SQLite database (with -wal and -shm) is 0600 in 0700 directories, even under a loose umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from noc_backend.core.private_files import private_sqlite
from noc_backend.main import create_app
from tests.backend.servers import backend_env, backend_process
from tests.backend.utils import ADMIN_PASSWORD, host_body, make_settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_served_database_is_private(tmp_path: Path) -> None:
    db = tmp_path / "var" / "data" / "backend.db"
    env = backend_env(f"sqlite:///{db}")
    with backend_process(env, tmp_path, umask=0o022) as served:  # started with a loose umask
        status = Path(f"/proc/{served.pid}/status").read_text()
        assert "Umask:\t0077" in status.splitlines()
        url = served.url
        token = httpx.post(f"{url}/api/v1/auth/login", timeout=10, json={
            "username": "admin", "password": ADMIN_PASSWORD}).json()["access_token"]
        # SQLite drops -wal and -shm when the last connection closes: hold one open
        reader = sqlite3.connect(db)
        try:
            reader.execute("SELECT count(*) FROM sqlite_master").fetchall()
            created = httpx.post(f"{url}/api/v1/hosts", json=host_body(), timeout=10,
                                 headers={"Authorization": f"Bearer {token}"})
            assert created.status_code == 201, created.text
            files = [db, db.with_name("backend.db-wal"), db.with_name("backend.db-shm")]
            assert {f.name: oct(_mode(f)) for f in files} == {f.name: "0o600" for f in files}
        finally:
            reader.close()
        assert (oct(_mode(db.parent)), oct(_mode(db.parent.parent))) == ("0o700", "0o700")


def test_an_embedded_app_makes_its_database_private(tmp_path: Path, loose_umask: None) -> None:
    db = tmp_path / "new" / "backend.db"
    app = create_app(make_settings(f"sqlite:///{db}"))
    services = app.state.services
    services.db.connect(reuse_if_open=True)
    try:
        services.db.execute_sql("CREATE TABLE probe (x INTEGER)")
        for path in (db, db.with_name("backend.db-wal"), db.with_name("backend.db-shm")):
            assert oct(_mode(path)) == "0o600", path
    finally:
        services.db.close()
    assert oct(_mode(db.parent)) == "0o700"


def test_older_loose_files_are_tightened_and_existing_dirs_left_alone(
        tmp_path: Path, loose_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)  # noqa: S103 - an operator's shared directory, on purpose
    db = shared / "backend.db"
    for path in (db, db.with_name("backend.db-wal"), db.with_name("backend.db-shm")):
        path.write_bytes(b"")
        os.chmod(path, 0o644)
    private_sqlite(db)
    assert [oct(_mode(p)) for p in (db, db.with_name("backend.db-wal"),
                                    db.with_name("backend.db-shm"))] == ["0o600"] * 3
    assert oct(_mode(shared)) == "0o755"
