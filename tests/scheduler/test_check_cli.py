"""``noc-scheduler check --config FILE`` against a real backend on a loopback port, a migrated
SQLite or PostgreSQL database, a SQLite or Redis queue: a good config passes every line; a bad
database URL, an unreachable backend, an unanswering Redis and a missing key each fail naming
the key, one line per check, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from noc_scheduler.cli import main
from noc_scheduler.migrations import migrate_database
from noc_scheduler.store.db import open_database
from tests.backend.servers import serve_app
from tests.backend.utils import make_settings as backend_settings
from tests.support.services import free_port, postgres_database, redis_url


@pytest.fixture(autouse=True)
def _no_scheduler_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the config file speaks (the environment would win over it)."""
    for name in [n for n in os.environ if n.startswith("NOC_SCHEDULER_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("backend") / "b.db"
    with serve_app(backend_settings(f"sqlite:///{db}")) as url:
        yield url


def migrated(url: str) -> str:
    db = open_database(url)
    try:
        migrate_database(db)
    finally:
        db.close()
        db.close_all()
    return url


def config(tmp_path: Path, **values: str) -> str:
    path = tmp_path / "scheduler.env"
    path.write_text("".join(f"NOC_SCHEDULER_{k.upper()}={v}\n" for k, v in values.items()))
    return str(path)


def good(tmp_path: Path, db_url: str, backend_url: str) -> dict[str, str]:
    return {"database_url": db_url, "queue_url": f"sqlite:///{tmp_path / 'q' / 'queue.db'}",
            "backend_url": backend_url, "secrets_key": Fernet.generate_key().decode(),
            "api_token": "api-token-0123456789", "backend_token": "backend-token-0123456789"}


def run(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, list[str]]:
    code = main(["check", "--config", path])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out.splitlines()


def names(lines: list[str]) -> list[str]:
    return [line.split(":")[0] for line in lines]


def test_a_good_config_passes_on_sqlite(tmp_path: Path, backend_url: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db_url = migrated(f"sqlite:///{tmp_path / 's.db'}")
    code, lines = run(capsys, config(tmp_path, **good(tmp_path, db_url, backend_url)))
    assert code == 0, lines
    assert names(lines) == ["ok   settings", "ok   database", "ok   schema", "ok   queue",
                            "ok   backend"]


@pytest.mark.postgres
@pytest.mark.redis
def test_a_good_config_passes_on_postgresql_and_redis(
        tmp_path: Path, backend_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with postgres_database() as pg, redis_url() as redis:
        values = {**good(tmp_path, migrated(pg), backend_url), "queue_url": redis}
        code, lines = run(capsys, config(tmp_path, **values))
        assert code == 0, lines
        assert "ok   queue: Redis" in "\n".join(lines)
        values["queue_url"] = f"redis://127.0.0.1:{free_port()}/0"
        code, lines = run(capsys, config(tmp_path, **values))
    assert code == 1
    assert any(line.startswith("FAIL queue: NOC_SCHEDULER_QUEUE_URL: redis://") for line in lines)


def test_an_unmigrated_or_unreachable_database_fails_naming_it(
        tmp_path: Path, backend_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.db").touch()
    code, lines = run(capsys, config(tmp_path, **good(
        tmp_path, f"sqlite:///{tmp_path / 'empty.db'}", backend_url)))
    assert code == 1
    assert any(line.startswith("FAIL schema: NOC_SCHEDULER_DATABASE_URL:")
               and "noc-scheduler migrate" in line for line in lines), lines
    closed = f"postgresql://postgres:pw-not-shown@127.0.0.1:{free_port()}/none"
    code, lines = run(capsys, config(tmp_path, **good(tmp_path, closed, backend_url)))
    assert code == 1
    assert any(line.startswith("FAIL database: NOC_SCHEDULER_DATABASE_URL: cannot connect")
               for line in lines), lines
    assert "pw-not-shown" not in "\n".join(lines)
    assert "ok   backend" in "\n".join(lines)


def test_an_unreachable_backend_fails_naming_the_key(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db_url = migrated(f"sqlite:///{tmp_path / 's.db'}")
    nobody = f"http://127.0.0.1:{free_port()}"
    code, lines = run(capsys, config(tmp_path, **good(tmp_path, db_url, nobody)))
    assert code == 1
    assert lines[-1].startswith(f"FAIL backend: NOC_SCHEDULER_BACKEND_URL: {nobody} "
                                "unreachable"), lines


def test_a_missing_key_fails_naming_it(tmp_path: Path, backend_url: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    values = good(tmp_path, f"sqlite:///{tmp_path / 's.db'}", backend_url)
    del values["api_token"]
    code, lines = run(capsys, config(tmp_path, **values, log_format="yaml"))
    assert code == 2
    assert sorted(line.split(":")[1].strip() for line in lines) == [
        "NOC_SCHEDULER_API_TOKEN", "NOC_SCHEDULER_LOG_FORMAT"], lines


def test_a_misspelled_key_fails_naming_the_setting_it_resembles(
        tmp_path: Path, backend_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = migrated(f"sqlite:///{tmp_path / 's.db'}")
    path = config(tmp_path, **good(tmp_path, db, backend_url), queue_nmae="typo")
    code, lines = run(capsys, path)
    assert code == 1
    assert [line for line in lines if line.startswith("FAIL")] == [
        f"FAIL unknown setting: NOC_SCHEDULER_QUEUE_NMAE (in {path}) is not a setting and is "
        "ignored; did you mean NOC_SCHEDULER_QUEUE_NAME?"]
