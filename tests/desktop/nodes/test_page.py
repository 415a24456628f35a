"""The Nodes page against a real backend in front of the real scheduler: the table shows each
node's health (a coloured badge), labels and load; an admin edits labels and capacity, drains,
resumes and removes (asked first) and the scheduler's registry follows; a label that cannot be
read is refused naming it; viewers and operators only read; the list follows the registry
while the page is visible; failures are shown in the page."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts import NodeInfo
from noc_desktop.main_window import MainWindow
from noc_desktop.monitor.colours import status_colour as health_colour
from noc_desktop.nodes.edit_dialog import NodeDialog
from noc_desktop.nodes.model import NodesModel
from noc_desktop.nodes.page import NodesPage
from noc_desktop.preferences import Preferences
from noc_desktop.session import Session
from tests.desktop.nodes.conftest import DOWN_AGO_S, NodesStack

LABELS = NodesModel.LABELS
SHOTS = Path(os.environ.get("NOC_SHOTS", "/tmp/noc-shots"))


def three_nodes(stack: NodesStack) -> None:
    stack.register("rio-1", {"site": "rio"}, seen_ago_s=1, running=2, queued=1, load=0.42)
    stack.register("sp-1", {"site": "sp", "zone": "dmz"}, seen_ago_s=stack.late_ago_s,
                   draining=True, load=1.5)
    stack.register("lab-1", seen_ago_s=DOWN_AGO_S)


def shown(qtbot: QtBot, session: Session, rows: int) -> NodesPage:
    page = NodesPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 360)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == rows, timeout=5000)
    return page


def texts(page: NodesPage, name: str) -> list[str]:
    row = page.model.row_of(name)
    assert row >= 0, f"{name} is not listed"
    return [page.model.data(page.model.index(row, c)) for c in range(page.model.columnCount())]


def select(page: NodesPage, name: str) -> None:
    page.table.selectRow(page.model.row_of(name))
    assert page.selected() is not None and page.selected().name == name  # type: ignore[union-attr]


def test_the_table_shows_each_node_with_its_health_labels_and_load(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    rio, sp, lab = texts(page, "rio-1"), texts(page, "sp-1"), texts(page, "lab-1")
    assert rio[:NodesModel.SEEN] == ["rio-1", "up", "accepted", "2 / 4", "1", "0.42"]
    assert rio[NodesModel.URL:] == ["http://127.0.0.1:9/rio-1", "site=rio"]
    assert re.fullmatch(r"\d s ago", rio[NodesModel.SEEN])
    assert sp[NodesModel.HEALTH:NodesModel.USAGE] == ["late", "draining"]
    assert sp[LABELS] == "site=sp, zone=dmz"
    late = int(nodes_stack.late_ago_s)
    assert sp[NodesModel.SEEN] in (f"{late} s ago", f"{late + 1} s ago")
    assert lab[NodesModel.HEALTH:NodesModel.USAGE] == ["down", "none (down)"]
    assert lab[NodesModel.LOAD] == lab[LABELS] == "—"
    assert lab[NodesModel.SEEN] == "3 h ago"
    for name, health in (("rio-1", "up"), ("sp-1", "late"), ("lab-1", "down")):
        badge = page.model.index(page.model.row_of(name), NodesModel.HEALTH)
        assert badge.data(Qt.ItemDataRole.DecorationRole).name() == health_colour(health)
    assert page.summary.text() == "Nodes: 3 (up: 1, late: 1, down: 1)"
    assert all(f"<b>{h}</b>" in page.legend.text() for h in ("up", "late", "down"))
    assert page.edit_button.isVisible() and not page.edit_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "nodes_page.png"))


def edit_dialog(qtbot: QtBot, page: NodesPage, name: str) -> NodeDialog:
    select(page, name)
    page.edit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, NodeDialog) and dialog.node.name == name
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def shown_errors(dialog: NodeDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel, "error") if label.isVisible()]


def save(dialog: NodeDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_an_admin_edits_labels_and_capacity_and_the_registry_has_them(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    dialog = edit_dialog(qtbot, page, "rio-1")
    assert dialog.labels.text() == "site=rio" and dialog.capacity.value() == 4
    dialog.labels.setText("site=rio, zone=dmz ,rack=r12")
    dialog.capacity.setValue(6)
    save(dialog)
    qtbot.waitUntil(lambda: texts(page, "rio-1")[LABELS] == "rack=r12, site=rio, zone=dmz",
                    timeout=5000)
    assert texts(page, "rio-1")[NodesModel.USAGE] == "2 / 6"
    stored = nodes_stack.node("rio-1")
    assert stored is not None
    assert (stored.labels, stored.capacity) == ({"rack": "r12", "site": "rio", "zone": "dmz"}, 6)

    dialog = edit_dialog(qtbot, page, "rio-1")
    dialog.labels.setText("")  # no labels at all
    save(dialog)
    qtbot.waitUntil(lambda: texts(page, "rio-1")[LABELS] == "—", timeout=5000)
    stored = nodes_stack.node("rio-1")
    assert stored is not None and (stored.labels, stored.capacity) == ({}, 6)


def test_saving_labels_only_keeps_the_capacity_the_admin_registered(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session) -> None:
    """A node is listed with the capacity it is given now: its heartbeat's when that is lower
    (0 here: it takes nothing at the moment). New labels alone never register that figure."""
    nodes_stack.register("rio-1", {"site": "rio"}, seen_ago_s=1, reported_capacity=0)
    registered = nodes_stack.node("rio-1")
    assert registered is not None and registered.capacity == 4
    page = shown(qtbot, admin, 1)
    assert texts(page, "rio-1")[NodesModel.USAGE] == "0 / 0"
    dialog = edit_dialog(qtbot, page, "rio-1")
    dialog.labels.setText("site=rio, zone=dmz")
    save(dialog)
    qtbot.waitUntil(lambda: texts(page, "rio-1")[LABELS] == "site=rio, zone=dmz", timeout=5000)
    stored = nodes_stack.node("rio-1")
    assert stored is not None
    assert (stored.labels, stored.capacity) == ({"site": "rio", "zone": "dmz"}, 4)


def test_a_bad_label_is_refused_naming_it_and_nothing_changes(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    dialog = edit_dialog(qtbot, page, "sp-1")
    for typed, named in (("site=sp, zonedmz", "zonedmz"), ("si te=sp", "si te")):
        dialog.labels.setText(typed)
        dialog.capacity.setValue(9)
        save(dialog)
        qtbot.waitUntil(lambda named=named: any(named in t for t in shown_errors(dialog)),
                        timeout=3000)
        assert dialog.isVisible() and dialog.buttons.isEnabled()
    stored = nodes_stack.node("sp-1")
    assert stored is not None
    assert (stored.labels, stored.capacity) == ({"site": "sp", "zone": "dmz"}, 4)
    assert texts(page, "sp-1")[LABELS] == "site=sp, zone=dmz"


def test_drain_and_resume_toggle_with_the_node(qtbot: QtBot, nodes_stack: NodesStack,
                                               admin: Session) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    select(page, "rio-1")
    assert page.drain_button.text() == "Drain" and page.drain_button.isEnabled()
    page.drain_button.click()
    qtbot.waitUntil(lambda: texts(page, "rio-1")[NodesModel.WORK] == "draining", timeout=5000)
    stored = nodes_stack.node("rio-1")
    assert stored is not None and stored.draining
    assert page.drain_button.text() == "Resume"
    page.drain_button.click()
    qtbot.waitUntil(lambda: texts(page, "rio-1")[NodesModel.WORK] == "accepted",
                    timeout=5000)
    stored = nodes_stack.node("rio-1")
    assert stored is not None and not stored.draining
    assert page.drain_button.text() == "Drain"
    select(page, "sp-1")  # already draining: the same button resumes it
    assert page.drain_button.text() == "Resume"


def test_remove_asks_first_and_says_in_hand_steps_end_lost(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    removals: list[str] = []
    remove = page._remove

    def spied_remove(name: str) -> None:
        removals.append(name)
        remove(name)

    monkeypatch.setattr(page, "_remove", spied_remove)
    select(page, "rio-1")
    page.remove_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    assert "rio-1" in box.text() and "lost" in box.text() and "2 running, 1 queued" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert removals == []  # the answer is a call: Cancel made none
    assert nodes_stack.node("rio-1") is not None and page.model.rowCount() == 3

    page.remove_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert removals == ["rio-1"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert nodes_stack.node("rio-1") is None and page.model.row_of("rio-1") < 0
    assert "rio-1" in page.notice.text() and page.notice.isVisible()
    assert page.summary.text() == "Nodes: 2 (up: 0, late: 1, down: 1)"


def test_viewers_and_operators_only_read(qtbot: QtBot, nodes_stack: NodesStack,
                                         as_role: Callable[[str], Session]) -> None:
    three_nodes(nodes_stack)
    for role in ("viewer", "operator"):
        page = shown(qtbot, as_role(role), 3)
        assert texts(page, "rio-1")[NodesModel.HEALTH:NodesModel.WORK] == ["up"]
        assert texts(page, "rio-1")[LABELS] == "site=rio"
        select(page, "rio-1")
        assert not any(b.isVisible() for b in (page.edit_button, page.drain_button,
                                               page.remove_button)), role
        assert page.note.isVisible() and "administrator" in page.note.text()
        page.edit()  # a double-click, say: no dialog for them
        assert page.dialog is None
        stored = nodes_stack.node("rio-1")
        assert stored is not None and not stored.draining and stored.labels == {"site": "rio"}


def test_the_list_follows_the_registry_while_the_page_is_visible(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session) -> None:
    nodes_stack.register("rio-1", {"site": "rio"}, seen_ago_s=1)
    page = shown(qtbot, admin, 1)
    assert page.timer.isActive()
    page.timer.setInterval(200)
    nodes_stack.register("sp-1", seen_ago_s=1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)  # nobody clicked
    page.hide()
    assert not page.timer.isActive()
    nodes_stack.register("lab-1")
    assert page.model.rowCount() == 2  # hidden: no fetches
    page.refresh_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)


def test_a_slow_scheduler_is_not_asked_again_before_it_answers(
        qtbot: QtBot, nodes_stack: NodesStack, admin: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The next fetch is armed when the last one has answered: however slow the answers, one
    is awaited at a time."""
    nodes_stack.register("rio-1", seen_ago_s=1)
    page = shown(qtbot, admin, 1)
    list_nodes = admin.client.list_nodes
    asked: list[int] = []  # how many were unanswered as each was asked
    waiting = 0

    async def slow_list_nodes() -> list[NodeInfo]:
        nonlocal waiting
        asked.append(waiting)
        waiting += 1
        try:
            await asyncio.sleep(0.4)
            return await list_nodes()
        finally:
            waiting -= 1

    monkeypatch.setattr(admin.client, "list_nodes", slow_list_nodes)
    page.timer.setInterval(50)
    qtbot.waitUntil(lambda: len(asked) >= 3, timeout=5000)
    assert asked[:3] == [0, 0, 0]


def test_a_refused_change_is_shown_naming_the_node(qtbot: QtBot, nodes_stack: NodesStack,
                                                   admin: Session) -> None:
    three_nodes(nodes_stack)
    page = shown(qtbot, admin, 3)
    select(page, "sp-1")
    gone = httpx.delete(f"{nodes_stack.backend.url}/api/v1/nodes/sp-1", timeout=30,
                        headers={"Authorization": f"Bearer {admin.client.token}"})
    assert gone.status_code == 200, gone.text
    page.drain_button.click()  # someone removed it meanwhile
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "error_box") is not None, timeout=5000)
    box = page.findChild(QMessageBox, "error_box")
    assert isinstance(box, QMessageBox) and "sp-1" in box.informativeText()
    box.close()


def test_a_failed_refresh_is_shown_in_the_page(qtbot: QtBot, session: Session) -> None:
    """``session``'s backend has no scheduler behind it: the list cannot be had."""
    page = NodesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(page.problem.isVisible, timeout=10_000)
    assert page.problem.text() and page.model.rowCount() == 0


def test_the_window_lists_the_nodes_page(qtbot: QtBot, nodes_stack: NodesStack,
                                         admin: Session) -> None:
    nodes_stack.register("rio-1", seen_ago_s=1)
    window = MainWindow(admin, Preferences())
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[-1] == "Nodes"
    window.nav.setCurrentRow(len(titles) - 1)
    page = window.page("nodes")
    assert isinstance(page, NodesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
