"""How every server layer logs: one configuration for our loggers and uvicorn's, text or JSON
lines, on stderr or in a rotating file only its owner can read.

Stdlib only, so each layer's ``serve`` calls the same code with its own settings
(``NOC_<LAYER>_LOG_FORMAT``, ``_LOG_FILE``, ``_LOG_MAX_BYTES``, ``_LOG_BACKUPS``). uvicorn must
then be run with ``log_config=None``: its loggers keep no handlers of their own and propagate
here, so access and error lines come out in the same format and file. Filters attached to a
logger (the node's bot-token redaction) rewrite the record before any handler formats it, so
they hold for both formats.
"""

from __future__ import annotations

import io
import json
import logging
import logging.handlers
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

LogFormat = Literal["text", "json"]

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_BACKUPS = 5
#: a log file may hold host names, task output and addresses: its owner alone reads it
FILE_MODE = 0o600
#: uvicorn's loggers: emptied of handlers so that they propagate to ours
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``time`` (UTC, ISO-8601), ``level``, ``logger``, ``message``,
    and ``exception`` (the traceback text) or ``stack`` when the record has one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A ``RotatingFileHandler`` whose files (the first one and each after a rollover) are
    created 0600, and an existing file made 0600 when opened."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = os.open(self.baseFilename, flags, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            return open(fd, "a", encoding=self.encoding or "utf-8",
                        errors=self.errors)
        except BaseException:
            os.close(fd)
            raise


def build_handler(log_format: LogFormat = "text", log_file: str | Path | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES,
                  backups: int = DEFAULT_BACKUPS) -> logging.Handler:
    """The handler ``configure`` installs: stderr, or the rotating file (its folder made)."""
    handler: logging.Handler
    if log_file:
        path = Path(log_file).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                             encoding="utf-8")
    else:
        handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json"
                         else logging.Formatter(TEXT_FORMAT))
    return handler


def configure(level: str = "INFO", log_format: LogFormat = "text",
              log_file: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              backups: int = DEFAULT_BACKUPS) -> logging.Handler:
    """Send every log record of the process, uvicorn's included, through one handler.

    Replaces the root logger's handlers (closing them), so it may be called again; returns the
    handler installed.
    """
    handler = build_handler(log_format, log_file, max_bytes, backups)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in UVICORN_LOGGERS:
        uvicorn_logger = logging.getLogger(name)
        for old in list(uvicorn_logger.handlers):
            uvicorn_logger.removeHandler(old)
        uvicorn_logger.propagate = True
    return handler
