"""Settings, the queue chosen by URL (SQLite and the real Redis), and the CLI process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from noc_node.core.config import Settings
from noc_node.core.errors import QueueConfigError
from noc_node.runtime import NodeRuntime
from noc_node.tasks.crypto import PayloadCipher, load_or_create_key
from noc_node.tasks.queue import make_huey
from tests.node.conftest import TOKEN
from tests.support.services import free_port, redis_url


def test_token_is_required_and_never_shown(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        Settings(data_dir=tmp_path)
    assert err.value.errors()[0]["loc"] == ("token",)
    settings = Settings(token=TOKEN, data_dir=tmp_path, name="edge")
    assert TOKEN not in repr(settings)
    assert settings.queue_url == f"sqlite:///{tmp_path.resolve() / 'queue.db'}"
    assert settings.queue_name == "noc-node-edge"
    assert settings.workers == 4 and settings.forks == 20 and settings.heartbeat_s == 3


def test_settings_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOC_NODE_TOKEN", "t0k")
    monkeypatch.setenv("NOC_NODE_QUEUE_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("NOC_NODE_WORKERS", "7")
    settings = Settings(data_dir=tmp_path)
    assert settings.token.get_secret_value() == "t0k"
    assert settings.queue_url.startswith("redis://") and settings.workers == 7


@pytest.mark.parametrize("given", ["false", "true"])
def test_module_bytecode_reaches_the_warm_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 given: str) -> None:
    monkeypatch.setenv("NOC_NODE_MODULE_BYTECODE", given)
    runtime = NodeRuntime(Settings(token=TOKEN, data_dir=tmp_path))  # not started: no process
    try:
        assert runtime.warm is not None
        assert runtime.warm.module_bytecode is (given == "true")
    finally:
        runtime.stop()


def test_queue_by_url(tmp_path: Path) -> None:
    huey = make_huey(f"sqlite:///{tmp_path / 'q' / 'queue.db'}", "noc-node-x")
    assert type(huey).__name__ == "SqliteHuey" and (tmp_path / "q").is_dir()
    with pytest.raises(QueueConfigError):
        make_huey("mysql://nope", "x")


def test_redis_queue_round_trip() -> None:
    with redis_url() as url:
        name = f"noc-node-test-{uuid.uuid4().hex[:8]}"
        huey = make_huey(url, name)
        seen: list[str] = []
        enqueue = huey.task(name="t")(seen.append)
        try:
            enqueue("payload")
            assert huey.pending_count() == 1
            huey.execute(huey.dequeue())
            assert seen == ["payload"]
        finally:
            huey.flush()


def test_cipher_key_created_once_0600(tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "queue.key")
    assert load_or_create_key(tmp_path / "queue.key") == key
    assert (tmp_path / "queue.key").stat().st_mode & 0o777 == 0o600
    cipher = PayloadCipher(key)
    token = cipher.encrypt("secret text")
    assert "secret" not in token and cipher.decrypt(token) == "secret text"


def test_cli_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, NOC_NODE_TOKEN=TOKEN, NOC_NODE_DATA_DIR=str(tmp_path / "d"),
               NOC_NODE_SCHEDULER_URL=f"http://127.0.0.1:{free_port()}", NOC_NODE_LOG_LEVEL="info")
    proc = subprocess.Popen([sys.executable, "-m", "noc_node.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        # uvicorn re-raises the captured signal once the lifespan shutdown has completed
        assert proc.wait(timeout=20) in (0, -signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert TOKEN not in output
    assert "Traceback" not in output
    assert "Application shutdown complete" in output


def test_cli_refuses_to_start_without_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_NODE_")}
    done = subprocess.run([sys.executable, "-m", "noc_node.cli", "serve"], env=env,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "NOC_NODE_TOKEN" in done.stderr
