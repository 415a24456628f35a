"""The shared widgets: the error box lists the server's details; the busy indicator shows only
while calls are in flight (after a short delay, so quick calls do not flicker)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from noc_contracts import ErrorDetail
from noc_desktop.client import Invalid, ServerUnreachable
from noc_desktop.widgets import BusyIndicator, error_summary, show_error


def test_show_error_lists_the_summary_and_each_field(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    exc = Invalid(422, "invalid", "bad input", [ErrorDetail(field="address", message="empty")])
    box = show_error(parent, exc)
    assert box.text() == "The server refused some values. Correct them and try again."
    assert box.informativeText() == "• bad input\n• address: empty"
    assert "Traceback" not in box.informativeText()
    box.close()


def test_a_network_failure_reads_as_a_sentence() -> None:
    assert error_summary(ServerUnreachable("refused")).startswith("Cannot reach the server")


def test_busy_indicator_follows_the_session(qtbot: QtBot) -> None:
    busy = BusyIndicator(delay_ms=20)
    qtbot.addWidget(busy)
    busy.set_busy(True)
    assert busy.isHidden()
    qtbot.waitUntil(lambda: not busy.isHidden(), timeout=1000)
    busy.set_busy(False)
    assert busy.isHidden()
    busy.set_busy(True)
    busy.set_busy(False)
    qtbot.wait(60)
    assert busy.isHidden()  # a quick call never shows it
