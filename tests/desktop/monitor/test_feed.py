"""``EventFeed.handle``: each event of the stream is buffered; one this app cannot read is
left out and said in the log (never silently)."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.client.sse import SseEvent
from noc_desktop.monitor.feed import EventFeed


def test_an_unreadable_event_is_logged_as_a_warning(qtbot: QtBot,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    feed = EventFeed()
    with caplog.at_level(logging.WARNING, logger="noc_desktop.monitor.feed"):
        feed.handle(SseEvent(7, "step_started", {"not": "an event"}))
    assert feed.pending == 0
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "an event" in caplog.records[0].getMessage()
