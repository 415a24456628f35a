"""The run dialog against a real backend and the real scheduler API: the server's preview as
the user edits (stale answers dropped), its 422 on the field it names, the every-host
confirmation, and a cron schedule saved."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import httpx
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts import ScheduleInfo
from noc_desktop.client import NocClient
from noc_desktop.runs.run_dialog import RunDialog
from noc_desktop.session import Session
from tests.backend.utils import ADMIN_PASSWORD
from tests.desktop.conftest import LiveBackend, Run
from tests.desktop.runs.conftest import seed
from tests.desktop.slow import DelayingTransport

SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))


def _dialog(qtbot: QtBot, session: Session) -> RunDialog:
    procedure = seed(session, {"web1": ["web"], "web2": ["web"], "db1": ["db"]})
    dialog = RunDialog(session, procedure)
    qtbot.addWidget(dialog)
    dialog.preview.count = 3
    dialog.show()
    qtbot.waitUntil(lambda: dialog.target.group.count() == 3, timeout=5000)  # all, db, web
    return dialog


def test_preview_comes_from_the_server_and_bad_cron_is_shown_on_its_field(
        qtbot: QtBot, runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    dialog.target.choose_group("web")
    qtbot.waitUntil(lambda: dialog.target.count == 2, timeout=5000)
    assert "2" in dialog.target.count_label.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.waitUntil(lambda: dialog.fire_times.count() == 1, timeout=5000)  # now: one time
    dialog.grab().save(str(SHOTS / "run_dialog_now.png"))

    dialog.timing.set_when("cron")
    dialog.timing.timezone.setCurrentText("UTC")
    dialog.timing.cron.setText("15 4 * * *")
    qtbot.waitUntil(lambda: dialog.fire_times.count() == 3
                    and "04:15" in dialog.fire_times.item(0).text(), timeout=5000)
    assert dialog.run_button.text() == "Schedule"
    dialog.grab().save(str(SHOTS / "run_dialog_cron.png"))

    dialog.timing.cron.setText("61 4 * * *")
    cron_error = dialog.errors._fields["cron"]
    qtbot.waitUntil(cron_error.isVisible, timeout=5000)
    assert "61" in cron_error.text() or "minute" in cron_error.text().lower()
    assert dialog.fire_times.count() == 0
    dialog.grab().save(str(SHOTS / "run_dialog_bad_cron.png"))

    dialog.timing.timezone.setCurrentText("Mars/Olympus")
    dialog.timing.cron.setText("0 5 * * *")
    zone_error = dialog.errors._fields["timezone"]
    qtbot.waitUntil(zone_error.isVisible, timeout=5000)
    assert "Mars/Olympus" in zone_error.text()
    assert not cron_error.isVisible()

    dialog.timing.timezone.setCurrentText("UTC")
    dialog.timing.set_when("at")
    dialog.timing.at.setDateTime(dialog.timing.at.dateTime().addYears(-2))
    at_error = dialog.errors._fields["at"]
    qtbot.waitUntil(at_error.isVisible, timeout=5000)
    assert "past" in at_error.text()
    dialog.timing.at.setDateTime(dialog.timing.at.dateTime().addYears(3))
    qtbot.waitUntil(lambda: dialog.fire_times.count() == 1, timeout=5000)
    dialog.grab().save(str(SHOTS / "run_dialog_at.png"))


def test_a_stale_preview_answer_is_dropped(qtbot: QtBot, runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    dialog.timing.set_when("cron")
    dialog.timing.timezone.setCurrentText("UTC")
    dialog.timing.cron.setText("0 1 * * *")
    qtbot.waitUntil(lambda: dialog.preview.answered == dialog.preview.ticket, timeout=5000)
    dialog.timing.cron.setText("0 2 * * *")
    dialog.preview._send()  # the answer for 02:00 is on its way...
    dialog.timing.cron.setText("0 3 * * *")  # ...when the user types again
    qtbot.waitUntil(lambda: dialog.preview.answered == dialog.preview.ticket, timeout=5000)
    qtbot.wait(300)
    assert all("03:00" in dialog.fire_times.item(i).text()
               for i in range(dialog.fire_times.count()))


def test_every_host_asks_first_then_schedules(qtbot: QtBot, runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    launched: list[ScheduleInfo] = []
    dialog.launched.connect(launched.append)
    dialog.timing.set_when("cron")
    dialog.timing.timezone.setCurrentText("Europe/Lisbon")
    dialog.timing.cron.setText("30 2 * * 1-5")
    dialog.timing.missed.setCurrentIndex(dialog.timing.missed.findData("catch_up"))
    dialog.timing.catch_up_max.setValue(4)
    dialog.vars.set_vars({"depth": 2})
    dialog.target.choose_group("all")
    qtbot.waitUntil(lambda: dialog.target.count == 3, timeout=5000)
    dialog.run_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and "3 hosts" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert launched == [] and dialog.isVisible()

    dialog.run_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(launched) == 1, timeout=5000)
    info = launched[0]
    assert info.cron == "30 2 * * 1-5"
    assert info.timezone == "Europe/Lisbon"
    assert info.target.group == "all" and info.vars == {"depth": 2}
    assert (info.missed_policy, info.catch_up_max) == ("catch_up", 4)
    assert info.next_fire_at is not None and info.next_fire_at > datetime.now(UTC)
    assert not dialog.isVisible()


def test_a_group_smaller_than_the_inventory_runs_without_asking(
        qtbot: QtBot, runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    launched: list[ScheduleInfo] = []
    dialog.launched.connect(launched.append)
    dialog.timing.set_when("cron")
    dialog.target.choose_host("db1")
    qtbot.waitUntil(lambda: dialog.target.count == 1, timeout=5000)
    dialog.run_button.click()
    assert dialog.confirm_box is None
    qtbot.waitUntil(lambda: len(launched) == 1, timeout=5000)
    assert launched[0].target.hosts == ["db1"]


def test_a_value_refused_locally_is_shown_on_its_field_not_as_a_dump(
        qtbot: QtBot, runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    dialog.target.choose_group("db")
    qtbot.waitUntil(lambda: dialog.target.count == 1, timeout=5000)
    dialog.timing.set_when("cron")
    dialog.timing.timezone.setCurrentText("UTC")
    dialog.timing.cron.setText("0 " * 120)  # longer than the contract's 200 characters
    dialog.submit()
    cron_error = dialog.errors._fields["cron"]
    assert cron_error.isVisible() and "200" in cron_error.text()
    shown = dialog.errors.general.text() + cron_error.text()
    assert "validation error" not in shown and "pydantic" not in shown


def test_every_host_asks_even_before_the_count_arrives(qtbot: QtBot,
                                                       stack_backend: LiveBackend,
                                                       run: Run) -> None:
    transport = DelayingTransport(hold=lambda request, _n: request.method == "GET"
                                  and request.url.path.endswith("/hosts")
                                  and "group" in request.url.params, delay_s=0.8)
    client = NocClient(stack_backend.url, transport=transport)
    run(client.login("admin", ADMIN_PASSWORD))
    session = Session(client, run(client.me()))
    procedure = seed(session, {"a1": ["fleet"], "a2": ["fleet"]})  # fleet: every host
    dialog = RunDialog(session, procedure)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.target.group.count() == 2 and dialog.target.total == 2,
                    timeout=5000)
    launched: list[ScheduleInfo] = []
    dialog.launched.connect(launched.append)
    dialog.target.choose_group("fleet")
    assert dialog.target.count is None  # still on its way
    dialog.run_button.click()
    assert launched == []
    qtbot.waitUntil(lambda: dialog.confirm_box is not None, timeout=5000)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    assert "2 hosts" in box.text() and "None" not in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert launched == []
    dialog.close()
    run(session.close())


def test_typing_a_host_name_asks_the_server_once_the_user_pauses(
        qtbot: QtBot, stack_backend: LiveBackend, run: Run) -> None:
    named: list[str] = []  # every host lookup by name: the searches and any count

    def record(request: httpx.Request, _n: int) -> bool:
        if request.method == "GET" and request.url.path.endswith("/hosts") \
                and "name" in request.url.params:
            named.append(request.url.params["name"])
        return False
    client = NocClient(stack_backend.url, transport=DelayingTransport(hold=record))
    run(client.login("admin", ADMIN_PASSWORD))
    session = Session(client, run(client.me()))
    try:
        dialog = _dialog(qtbot, session)
        dialog.target.host_radio.setChecked(True)
        for text in ("d", "db", "db1"):  # three keystrokes, faster than the debounce
            dialog.target.host.setEditText(text)
        qtbot.waitUntil(lambda: dialog.target.count == 1, timeout=5000)
        assert named == ["*db1*"]  # one search, and the count read from its page
        dialog.target.host.setEditText("db")
        qtbot.waitUntil(lambda: dialog.target.count == 0, timeout=5000)
        assert "db" in dialog.target.count_label.text()
    finally:
        run(session.close())


def test_no_target_is_said_in_a_sentence_of_the_dialog(qtbot: QtBot,
                                                       runs_session: Session) -> None:
    dialog = _dialog(qtbot, runs_session)
    dialog.target.host_radio.setChecked(True)  # no host typed
    dialog.submit()
    assert dialog.errors.general.isVisible()
    assert dialog.errors.general.text() == "Choose a host or a group to run it on."
