"""The ``noc-scheduler`` command: node registry, config errors, and serve + clean SIGTERM."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from noc_scheduler.core.config import load_settings
from noc_scheduler.core.errors import ConfigError
from tests.support.services import free_port

VENV_BIN = Path(sys.executable).parent


def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ,
            "NOC_SCHEDULER_DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}",
            "NOC_SCHEDULER_QUEUE_URL": f"sqlite:///{tmp_path / 'q.db'}",
            "NOC_SCHEDULER_SECRETS_KEY": Fernet.generate_key().decode(),
            "NOC_SCHEDULER_API_TOKEN": "api-token-123456",
            "NOC_SCHEDULER_BACKEND_URL": "http://127.0.0.1:9"}


def cli(args: list[str], environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "noc-scheduler"), *args], env=environ,
                          capture_output=True, text=True, timeout=60)


def test_nodes_add_is_idempotent_and_list_hides_the_token(tmp_path: Path) -> None:
    environ = env(tmp_path)
    token = tmp_path / "node.token"
    token.write_text("very-secret-node-token\n")
    for url in ("http://127.0.0.1:8702", "http://127.0.0.1:8799/"):
        done = cli(["nodes", "add", "--name", "n1", "--url", url, "--token-file", str(token)],
                   environ)
        assert done.returncode == 0, done.stderr
    listed = cli(["nodes", "list"], environ)
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("n1\thttp://127.0.0.1:8799\tdown")
    assert "very-secret" not in listed.stdout + listed.stderr


def test_nodes_commands_read_the_config_file(tmp_path: Path) -> None:
    """An installed scheduler keeps its settings in a config file, not the environment."""
    environ = env(tmp_path)
    config = tmp_path / "scheduler.env"
    config.write_text("".join(f"{key}={environ.pop(key)}\n" for key in list(environ)
                              if key.startswith("NOC_SCHEDULER_")))
    token = tmp_path / "node.token"
    token.write_text("another-secret-node-token\n")
    done = cli(["nodes", "add", "--config", str(config), "--name", "n2", "--url",
                "http://127.0.0.1:8702", "--token-file", str(token), "--label", "site=rio"],
               environ)
    assert done.returncode == 0, done.stderr
    listed = cli(["nodes", "list", "--config", str(config)], environ)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("n2\thttp://127.0.0.1:8702") and "site=rio" in listed.stdout
    assert cli(["nodes", "drain", "--config", str(config), "--name", "n2"],
               environ).returncode == 0
    without = cli(["nodes", "list"], environ)
    assert without.returncode == 2 and "NOC_SCHEDULER_" in without.stderr


def test_missing_token_file_and_missing_key_are_clear(tmp_path: Path) -> None:
    environ = env(tmp_path)
    done = cli(["nodes", "add", "--name", "n", "--url", "http://x", "--token-file",
                str(tmp_path / "missing")], environ)
    assert done.returncode == 1 and "missing" in done.stderr
    del environ["NOC_SCHEDULER_SECRETS_KEY"]
    done = cli(["nodes", "list"], environ)
    assert done.returncode == 2 and "NOC_SCHEDULER_SECRETS_KEY" in done.stderr


def test_bad_fernet_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOC_SCHEDULER_SECRETS_KEY", "not-a-key")
    monkeypatch.setenv("NOC_SCHEDULER_API_TOKEN", "api-token-123456")
    with pytest.raises(ConfigError, match="NOC_SCHEDULER_SECRETS_KEY"):
        load_settings()


def test_serve_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([str(VENV_BIN / "noc-scheduler"), "serve", "--port", str(port),
                             "--log-level", "info"], env=env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "serve did not come up"
                time.sleep(0.1)
        assert response.json() == {"status": "ok", "layer": "scheduler"}
        proc.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal it caught
        assert proc.wait(timeout=15) in (0, -signal.SIGTERM)
        stderr = proc.communicate()[1]
        assert "scheduler started" in stderr and "scheduler stopped" in stderr
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_nodes_capacity_drain_resume_and_remove(tmp_path: Path) -> None:
    environ = env(tmp_path)
    token = tmp_path / "node.token"
    token.write_text("very-secret-node-token\n")
    add = ["nodes", "add", "--name", "n1", "--url", "http://127.0.0.1:8702",
           "--token-file", str(token)]
    assert cli([*add, "--capacity", "6"], environ).returncode == 0
    assert cli(add, environ).returncode == 0  # an update without --capacity keeps it
    assert "\tregistered=6\t" in cli(["nodes", "list"], environ).stdout
    assert cli(["nodes", "drain", "--name", "n1"], environ).returncode == 0
    assert "\tdraining\t" in cli(["nodes", "list"], environ).stdout
    assert cli(["nodes", "resume", "--name", "n1"], environ).returncode == 0
    assert "\tactive\t" in cli(["nodes", "list"], environ).stdout
    removed = cli(["nodes", "remove", "--name", "n1"], environ)
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert cli(["nodes", "list"], environ).stdout == ""
    missing = cli(["nodes", "drain", "--name", "n1"], environ)
    assert missing.returncode == 1 and "no node named 'n1'" in missing.stderr
    bad = cli([*add, "--capacity", "0"], environ)
    assert bad.returncode == 1 and "capacity" in bad.stderr


def test_nodes_add_sets_labels_and_an_update_without_them_keeps_them(tmp_path: Path) -> None:
    environ = env(tmp_path)
    token = tmp_path / "node.token"
    token.write_text("very-secret-node-token\n")
    add = ["nodes", "add", "--name", "n1", "--url", "http://127.0.0.1:8702",
           "--token-file", str(token)]
    done = cli([*add, "--label", "zone=dmz", "--label", "site=rio"], environ)
    assert done.returncode == 0, done.stderr
    assert "labels site=rio,zone=dmz" in done.stdout
    assert cli(add, environ).returncode == 0
    assert cli(["nodes", "list"], environ).stdout.rstrip().endswith("labels=site=rio,zone=dmz")
    for bad, named in ((["--label", "site"], "'site'"), (["--label", "si te=x"], "'si te'"),
                       (["--label", "a=1", "--label", "a=2"], "a given twice")):
        refused = cli([*add, *bad], environ)
        assert refused.returncode == 1 and named in refused.stderr, refused.stderr
    assert cli(["nodes", "list"], environ).stdout.rstrip().endswith("labels=site=rio,zone=dmz")


def test_files_the_commands_create_are_private(tmp_path: Path) -> None:
    data = tmp_path / "var" / "data"
    environ = {**env(tmp_path), "NOC_SCHEDULER_DATABASE_URL": f"sqlite:///{data / 's.db'}",
               "NOC_SCHEDULER_QUEUE_URL": f"sqlite:///{data / 'q.db'}"}
    token = tmp_path / "node.token"
    token.write_text("very-secret-node-token\n")
    done = cli(["nodes", "add", "--name", "n1", "--url", "http://127.0.0.1:8702",
                "--token-file", str(token)], environ)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = list(data.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) & 0o077 == 0 for f in files), [
        (f.name, oct(f.stat().st_mode)) for f in files]
