"""The schedules page against a real backend and the real scheduler API: the list, the next
fire times of the selected schedule, pause, resume, delete (asked first); viewers only read."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.runs.schedules_page import SchedulesPage
from noc_desktop.session import Session
from tests.desktop.conftest import Run
from tests.desktop.runs.conftest import api, seed

SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))


def _schedule(session: Session, procedure_id: int, **timing: object) -> int:
    with api(session) as http:
        answer = http.post(f"/procedures/{procedure_id}/runs",
                           json={"target": {"group": "web"}, **timing})
        assert answer.status_code == 201, answer.text
        return int(answer.json()["id"])


def test_pause_resume_delete_and_fire_times(qtbot: QtBot, runs_session: Session) -> None:
    procedure = seed(runs_session, {"web1": ["web"], "web2": ["web"]})
    nightly = _schedule(runs_session, procedure.id, cron="0 3 * * *", timezone="Europe/Lisbon",
                        overlap_policy="queue")
    _schedule(runs_session, procedure.id, at="2031-05-01T09:00:00+00:00", check_mode=True)
    page = SchedulesPage(runs_session)
    qtbot.addWidget(page)
    page.resize(1200, 420)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    row = page.model.row_of(nightly)
    texts = [page.model.data(page.model.index(row, c)) for c in range(7)]
    assert texts[:3] == ["nightly check", "group web", "cron 0 3 * * * (Europe/Lisbon)"]
    assert texts[4] == "active" and "overlap: queue" in texts[5]
    other = page.model.data(page.model.index(1 - row, 2))
    assert other.startswith("at ") and other.endswith("(dry run)")
    assert not page.pause_button.isEnabled()  # nothing selected yet

    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.fire_times.count() == 5, timeout=5000)
    assert page.pause_button.isEnabled() and not page.resume_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "schedules_page.png"))

    page.pause_button.click()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(row, 4)) == "paused",
                    timeout=5000)
    assert page.resume_button.isEnabled() and not page.pause_button.isEnabled()
    with api(runs_session) as http:
        assert http.get(f"/schedules/{nightly}").json()["status"] == "paused"
    page.resume_button.click()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(row, 4)) == "active",
                    timeout=5000)

    page.delete_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox) and "nightly check" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert page.model.rowCount() == 2
    page.delete_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "Checking" not in page.fire_note.text(), timeout=5000)
    with api(runs_session) as http:
        assert [s["id"] for s in http.get("/schedules").json()["data"]] != [nightly]
        assert http.get(f"/schedules/{nightly}").status_code == 404


def test_viewers_only_read(qtbot: QtBot, runs_session: Session, run: Run) -> None:
    procedure = seed(runs_session, {"web1": ["web"]})
    _schedule(runs_session, procedure.id, cron="*/5 * * * *")
    with api(runs_session) as http:
        made = http.post("/users", json={"username": "watcher", "role": "viewer",
                                         "password": "watcher-pass-123"})
        assert made.status_code == 201, made.text
    client = NocClient(runs_session.client.server_url)
    run(client.login("watcher", "watcher-pass-123"))
    viewer = Session(client, run(client.me()))
    try:
        page = SchedulesPage(viewer)
        qtbot.addWidget(page)
        page.show()
        page.activate()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: page.fire_times.count() == 5, timeout=5000)
        assert not any(b.isEnabled() for b in (page.pause_button, page.resume_button,
                                                page.delete_button))
    finally:
        run(client.aclose())
