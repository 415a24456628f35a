"""Keep the Telegram bot token out of logs: httpx logs every request URL at INFO level,
and the Bot API puts the token in the path (``/bot<token>/sendMessage``)."""

from __future__ import annotations

import logging
import re

_BOT_PATH = re.compile(r"/bot[^/\s\"']+/")


class BotTokenFilter(logging.Filter):
    """Rewrites a record whose message holds a ``/bot<token>/`` path."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/bot" in message:
            record.msg, record.args = _BOT_PATH.sub("/bot<redacted>/", message), None
        return True


def install() -> None:
    """Attach the filter once to the loggers that print request URLs."""
    for name in ("httpx", "httpcore"):
        target = logging.getLogger(name)
        if not any(isinstance(f, BotTokenFilter) for f in target.filters):
            target.addFilter(BotTokenFilter())
