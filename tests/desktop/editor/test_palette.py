"""The palette: flow blocks and the task types grouped by kind, searchable, keyboard insert at
the canvas's cursor, the server's catalogue once loaded (the contracts' while offline)."""

from __future__ import annotations

import asyncio

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from noc_contracts import CATALOGUE
from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.palette import ENTRY, Palette
from noc_desktop.session import Session
from tests.desktop.slow import DelayingTransport, path_is, slow_session, slow_transport

__all__ = ["slow_session", "slow_transport"]  # fixtures


def entries(palette: Palette) -> list[tuple[str, str]]:
    return [tuple(item.data(0, ENTRY)) for item in palette.entries()]


def test_groups_flow_blocks_and_every_task_type_by_kind(qtbot: QtBot) -> None:
    palette = Palette()
    qtbot.addWidget(palette)
    assert [g.text(0) for g in palette.groups()] == ["Flow", "Monitoring", "Action",
                                                     "Notification"]
    assert entries(palette)[:4] == [("decision", ""), ("loop", ""), ("wait", ""), ("end", "")]
    assert {task for kind, task in entries(palette) if kind == "task"} == set(CATALOGUE)
    for group in palette.groups()[1:]:
        kinds = {str(CATALOGUE[item.data(0, ENTRY)[1]].kind) for item in palette.entries_of(group)}
        assert len(kinds) == 1


def test_search_filters_and_hides_empty_groups(qtbot: QtBot) -> None:
    palette = Palette()
    qtbot.addWidget(palette)
    QTest.keyClicks(palette.search, "telegram")
    assert entries(palette) == [("task", "telegram")]
    assert [g.text(0) for g in palette.groups() if not g.isHidden()] == ["Notification"]
    palette.search.clear()
    assert len(entries(palette)) == 4 + len(CATALOGUE)


def test_keyboard_only_insert_at_the_canvas_centre(editor: FlowchartEditor) -> None:
    QTest.mouseMove(editor.palette_panel.tree.viewport(), QPoint(5, 5))  # not over the canvas
    centre = editor.view.mapToScene(editor.view.viewport().rect().center())
    QTest.keySequence(editor.view, "Ctrl+K")
    QTest.keyClicks(editor.palette_panel.search, "wait")
    QTest.keyClick(editor.palette_panel.search, Qt.Key.Key_Down)
    assert editor.palette_panel.tree.hasFocus()
    QTest.keyClick(editor.palette_panel.tree, Qt.Key.Key_Return)
    assert editor.document.node_ids() == ["wait"]
    assert editor.document.start == "wait"  # the first block starts the procedure
    assert (editor.scene.blocks["wait"].scenePos() - centre).manhattanLength() < 1
    assert editor.view.hasFocus()  # back on the canvas to carry on


def test_the_servers_catalogue_is_loaded(qtbot: QtBot, session: Session) -> None:
    editor = FlowchartEditor(session)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.task_types_loaded, timeout=5000) as loaded:
        pass
    assert {spec.name for spec in loaded.args[0]} == set(CATALOGUE)
    assert editor.controller.sync.task_kinds["telegram"] == "notification"


def test_the_catalogue_arriving_after_the_palette_is_gone_is_dropped(
        qtbot: QtBot, slow_session: Session, slow_transport: DelayingTransport) -> None:
    palette = Palette()
    slow_transport.hold = path_is("GET", "/task-types")
    loading: asyncio.Task[None] = palette.load(slow_session)  # type: ignore[func-returns-value]
    qtbot.waitUntil(lambda: len(slow_transport.held) == 1, timeout=3000)
    shiboken6.delete(palette)  # the editor closed while the server was answering
    qtbot.waitUntil(loading.done, timeout=5000)
    assert loading.cancelled()  # not a RuntimeError on the deleted palette
