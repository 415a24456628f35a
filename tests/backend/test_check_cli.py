"""``noc-backend check --config FILE`` against real servers on loopback ports: a good config
passes every line; a bad database URL, an unmigrated database, an unreachable or wrong peer, a
refused token and a missing key each fail naming the key, one line per check, no traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from noc_backend.cli import main
from noc_backend.core.db import close_database, open_database
from tests.backend.servers import serve_scheduler
from tests.backend.utils import SCHEDULER_TOKEN
from tests.support.server import ServerThread
from tests.support.services import free_port


@pytest.fixture(autouse=True)
def _no_backend_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the config file speaks (the environment would win over it)."""
    import os

    for name in [n for n in os.environ if n.startswith("NOC_BACKEND_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def scheduler_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_scheduler(tmp_path_factory.mktemp("sched")) as served:
        yield served.url


@pytest.fixture
def migrated_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    close_database(open_database(url))  # creates and migrates it
    return url


def config(tmp_path: Path, **values: str) -> str:
    path = tmp_path / "backend.env"
    path.write_text("# written by the test\n" + "".join(
        f"NOC_BACKEND_{key.upper()}={value}\n" for key, value in values.items()))
    return str(path)


def good(db_url: str, scheduler_url: str) -> dict[str, str]:
    return {"database_url": db_url, "scheduler_url": scheduler_url,
            "scheduler_token": SCHEDULER_TOKEN, "secrets_key": Fernet.generate_key().decode()}


def run(capsys: pytest.CaptureFixture[str], path: str) -> tuple[int, list[str]]:
    code = main(["check", "--config", path])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out.splitlines()


def test_a_good_config_passes_every_check(tmp_path: Path, migrated_db: str,
                                          scheduler_url: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, config(tmp_path, **good(migrated_db, scheduler_url)))
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines] == [
        "ok   settings", "ok   database", "ok   schema", "ok   scheduler",
        "ok   scheduler token"]


def test_the_command_itself_prints_the_lines(tmp_path: Path, migrated_db: str,
                                             scheduler_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "noc_backend.cli", "check", "--config",
         config(tmp_path, **good(migrated_db, scheduler_url))],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("\nok   ") == 4 and done.stderr == ""


def test_a_bad_database_url_fails_naming_it(tmp_path: Path, scheduler_url: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"postgresql://postgres:pw-not-shown@127.0.0.1:{free_port()}/none"
    code, lines = run(capsys, config(tmp_path, **good(closed, scheduler_url)))
    assert code == 1
    (line,) = [line for line in lines if line.startswith("FAIL database")]
    assert "NOC_BACKEND_DATABASE_URL: cannot connect" in line
    assert "pw-not-shown" not in "\n".join(lines)
    assert "ok   scheduler: " in "\n".join(lines)  # the other checks still ran


def test_an_unmigrated_database_fails_naming_migrate(tmp_path: Path, scheduler_url: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    code, lines = run(capsys, config(tmp_path, **good(f"sqlite:///{empty}", scheduler_url)))
    assert code == 1
    assert any(line.startswith("FAIL schema: NOC_BACKEND_DATABASE_URL:") and "pending" in line
               and "noc-backend migrate" in line for line in lines), lines
    missing = tmp_path / "missing.db"
    code, lines = run(capsys, config(tmp_path, **good(f"sqlite:///{missing}", scheduler_url)))
    assert code == 1 and not missing.exists()  # a check never creates the database
    assert any("FAIL database: NOC_BACKEND_DATABASE_URL: no database" in line for line in lines)


def test_an_unreachable_or_wrong_peer_fails_naming_the_url_key(
        tmp_path: Path, migrated_db: str, scheduler_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    code, lines = run(capsys, config(tmp_path, **good(migrated_db, f"{scheduler_url},{nobody}")))
    assert code == 1
    assert f"ok   scheduler: {scheduler_url} is a scheduler and answers" in lines
    assert any(line.startswith(f"FAIL scheduler: NOC_BACKEND_SCHEDULER_URL: {nobody} "
                               "unreachable") for line in lines), lines
    from fastapi import FastAPI

    other = FastAPI()
    other.get("/healthz")(lambda: {"status": "ok", "layer": "node"})
    with ServerThread(other) as server:
        code, lines = run(capsys, config(tmp_path, **good(migrated_db, server.url)))
    assert code == 1
    assert any(f"NOC_BACKEND_SCHEDULER_URL: {server.url} is not a scheduler" in line
               for line in lines), lines


def test_a_refused_token_fails_naming_it(tmp_path: Path, migrated_db: str, scheduler_url: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    values = {**good(migrated_db, scheduler_url), "scheduler_token": "not-the-right-token"}
    code, lines = run(capsys, config(tmp_path, **values))
    assert code == 1
    assert any(line.startswith("FAIL scheduler token: NOC_BACKEND_SCHEDULER_TOKEN: refused")
               for line in lines), lines
    assert "not-the-right-token" not in "\n".join(lines)


def test_a_missing_key_or_bad_value_fails_naming_it(tmp_path: Path, migrated_db: str,
                                                    scheduler_url: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    values = good(migrated_db, scheduler_url)
    del values["secrets_key"]
    code, lines = run(capsys, config(tmp_path, **values))
    assert code == 2
    assert lines[0].startswith("FAIL settings: NOC_BACKEND_SECRETS_KEY is required"), lines
    code, lines = run(capsys, config(tmp_path, **good(migrated_db, scheduler_url),
                                     log_max_bytes="ten", metrics_token="short"))
    assert code == 2
    assert [line.split(":")[1] for line in lines] == [
        " NOC_BACKEND_LOG_MAX_BYTES", " NOC_BACKEND_METRICS_TOKEN"], lines
    code, lines = run(capsys, str(tmp_path / "no-such.env"))
    assert code == 2 and "no such file" in lines[0]


def test_a_misspelled_key_fails_naming_the_setting_it_resembles(
        tmp_path: Path, migrated_db: str, scheduler_url: str,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings ignore unknown names: without this line a misspelled DATABASE_URL would
    leave the default database in use, every other check passing."""
    path = config(tmp_path, **good(migrated_db, scheduler_url), databse_url="sqlite:///x.db")
    monkeypatch.setenv("NOC_BACKEND_SCHEDULER_TOKN", "from-the-environment")
    code, lines = run(capsys, path)
    assert code == 1
    assert [line for line in lines if line.startswith("FAIL")] == [
        f"FAIL unknown setting: NOC_BACKEND_DATABSE_URL (in {path}) is not a setting and is "
        "ignored; did you mean NOC_BACKEND_DATABASE_URL?",
        "FAIL unknown setting: NOC_BACKEND_SCHEDULER_TOKN (in the environment) is not a setting "
        "and is ignored; did you mean NOC_BACKEND_SCHEDULER_TOKEN?"]
    assert "from-the-environment" not in "\n".join(lines)
