"""The shared log configuration: JSON lines, a rotating file only its owner reads, uvicorn's
access and error lines through the same handler, and the operability settings' checks."""

from __future__ import annotations

import json
import logging
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from noc_contracts import logsetup
from noc_contracts.operability import OperabilitySettings, configure_logging
from tests.support.services import free_port


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """``configure`` changes the process's root logger and uvicorn's: put them back."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    uvicorn_saved = {name: (list(logging.getLogger(name).handlers),
                            logging.getLogger(name).propagate, logging.getLogger(name).level)
                     for name in logsetup.UVICORN_LOGGERS}
    yield
    for handler in list(root.handlers):
        if handler not in saved[0]:
            root.removeHandler(handler)
            handler.close()
    for handler in saved[0]:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(saved[1])
    for name, (handlers, propagate, level) in uvicorn_saved.items():
        target = logging.getLogger(name)
        target.handlers[:] = handlers
        target.propagate, target.level = propagate, level


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_json_lines_carry_time_level_logger_message_and_exception(
        tmp_path: Path, restored_logging: None) -> None:
    log = tmp_path / "logs" / "layer.log"
    logsetup.configure("INFO", "json", log)
    logging.getLogger("noc_test.json").info("hello %s", "world")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("noc_test.json").exception("it failed")
    logging.getLogger("noc_test.json").debug("below the level")
    first, second = lines(log)
    assert first["level"] == "INFO" and first["logger"] == "noc_test.json"
    assert first["message"] == "hello world" and "exception" not in first
    assert str(first["time"]).endswith("Z") and "T" in str(first["time"])
    assert second["level"] == "ERROR" and second["message"] == "it failed"
    assert "RuntimeError: boom" in str(second["exception"])
    assert "Traceback" in str(second["exception"])


def test_text_is_the_default(tmp_path: Path, restored_logging: None) -> None:
    log = tmp_path / "layer.log"
    logsetup.configure("INFO", "text", log)
    logging.getLogger("noc_test.text").warning("plain")
    (line,) = log.read_text(encoding="utf-8").splitlines()
    assert line.endswith("WARNING noc_test.text: plain")


def test_the_file_and_its_rotations_are_0600(tmp_path: Path,
                                              restored_logging: None) -> None:
    log = tmp_path / "layer.log"
    log.write_text("an old line\n", encoding="utf-8")
    log.chmod(0o644)  # left by an older version: made private when opened
    logsetup.configure("INFO", "json", log, max_bytes=1024, backups=2)
    for i in range(100):
        logging.getLogger("noc_test.rotate").info("line %d %s", i, "x" * 50)
    files = sorted(tmp_path.glob("layer.log*"))
    assert [f.name for f in files] == ["layer.log", "layer.log.1", "layer.log.2"]
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        assert f.stat().st_size <= 1024 + 200
    assert lines(log)[-1]["message"].endswith("x" * 50)  # type: ignore[union-attr]


def test_configure_replaces_its_handler(tmp_path: Path, restored_logging: None) -> None:
    logsetup.configure("INFO", "json", tmp_path / "a.log")
    logsetup.configure("INFO", "json", tmp_path / "b.log")
    logging.getLogger("noc_test.again").info("only once")
    assert (tmp_path / "a.log").read_text(encoding="utf-8") == ""
    assert [e["message"] for e in lines(tmp_path / "b.log")] == ["only once"]


def test_uvicorn_access_and_error_lines_go_through_the_same_file(
        tmp_path: Path, restored_logging: None) -> None:
    """As ``serve`` runs it: our configuration first, then uvicorn with ``log_config=None``."""
    log = tmp_path / "layer.log"
    logsetup.configure("INFO", "json", log)
    app = FastAPI()
    app.get("/ping")(lambda: {"ok": True})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           log_level="info", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert httpx.get(f"http://127.0.0.1:{port}/ping").status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)
    entries = lines(log)
    access = [e for e in entries if e["logger"] == "uvicorn.access"]
    assert access and '"GET /ping HTTP/1.1" 200' in str(access[0]["message"])
    assert any(e["logger"] == "uvicorn.error" and "Uvicorn running" in str(e["message"])
               for e in entries)


def test_a_logger_filter_redacts_in_json_too(tmp_path: Path, restored_logging: None) -> None:
    """A filter on a logger (as the node's bot-token one) rewrites the record before the JSON
    formatter reads it."""
    class Redact(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            record.msg, record.args = record.getMessage().replace("s3cr3t", "<redacted>"), None
            return True

    log = tmp_path / "layer.log"
    logsetup.configure("INFO", "json", log)
    target = logging.getLogger("noc_test.redacted")
    target.addFilter(Redact())
    target.info("GET /bot%s/sendMessage", "s3cr3t")
    assert "s3cr3t" not in log.read_text(encoding="utf-8")
    assert lines(log)[0]["message"] == "GET /bot<redacted>/sendMessage"


class LayerSettings(BaseSettings, OperabilitySettings):
    model_config = SettingsConfigDict(env_prefix="NOC_TESTLAYER_", extra="ignore")


def test_operability_settings_read_under_the_layer_prefix(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, restored_logging: None) -> None:
    monkeypatch.setenv("NOC_TESTLAYER_LOG_FORMAT", "json")
    monkeypatch.setenv("NOC_TESTLAYER_LOG_FILE", str(tmp_path / "l.log"))
    monkeypatch.setenv("NOC_TESTLAYER_LOG_MAX_BYTES", "2048")
    monkeypatch.setenv("NOC_TESTLAYER_LOG_BACKUPS", "1")
    monkeypatch.setenv("NOC_TESTLAYER_METRICS_TOKEN", "")
    settings = LayerSettings()
    assert settings.metrics_token is None  # empty: /metrics stays off
    handler = configure_logging(settings, "INFO")
    assert isinstance(handler, logsetup.PrivateRotatingFileHandler)
    assert handler.maxBytes == 2048 and handler.backupCount == 1
    assert isinstance(handler.formatter, logsetup.JsonFormatter)


@pytest.mark.parametrize(("key", "value"), [
    ("LOG_FORMAT", "xml"), ("LOG_MAX_BYTES", "10"), ("LOG_BACKUPS", "-1"),
    ("METRICS_TOKEN", "short")])
def test_bad_operability_values_name_the_field(monkeypatch: pytest.MonkeyPatch, key: str,
                                               value: str) -> None:
    monkeypatch.setenv(f"NOC_TESTLAYER_{key}", value)
    with pytest.raises(ValidationError) as caught:
        LayerSettings()
    assert [e["loc"] for e in caught.value.errors()] == [(key.lower(),)]
