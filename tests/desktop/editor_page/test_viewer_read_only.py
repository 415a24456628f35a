"""A viewer opens a saved procedure in the editor and sees all of it, but nothing they do on the
canvas, in the properties form, the header or the toolbar changes it: real backend, real
viewer account, simulated mouse and keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureCreate, UserPublic
from noc_desktop.canvas.edit_view import BLOCK_MIME
from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.editor_actions import EDITING
from noc_desktop.client import NocClient
from noc_desktop.document.convert import graph_dict
from noc_desktop.session import Session
from tests.desktop.conftest import Run
from tests.desktop.document.graphs import EXAMPLE
from tests.desktop.editor.gestures import LEFT, NO_MOD, block_point, click, drag, keys
from tests.desktop.editor_page.conftest import SHOTS, open_page, open_procedure

VIEWER_PASSWORD = "vera-password-1234"


@pytest.fixture
def viewer(session: Session, run: Run) -> Iterator[Session]:
    """The example saved by the admin; a viewer's session on the same backend."""
    run(session.client.rest.send("POST", "/users", UserPublic, json_body={
        "username": "vera", "password": VIEWER_PASSWORD, "role": "viewer"}))
    run(session.client.create_procedure(ProcedureCreate(
        name="nginx watchdog", graph=ProcedureGraph.model_validate(EXAMPLE))))
    client = NocClient(session.client.server_url)
    run(client.login("vera", VIEWER_PASSWORD))
    try:
        yield Session(client, run(client.me()))
    finally:
        run(client.aclose())


def _drop_accepted(editor: FlowchartEditor, at: QPoint) -> bool:
    """Whether the canvas takes a palette entry dragged in and dropped at ``at``."""
    data = QMimeData()
    data.setData(BLOCK_MIME, QByteArray(b'{"type": "wait", "task": ""}'))
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, action, data, LEFT, NO_MOD)
    QApplication.sendEvent(editor.view.viewport(), enter)
    drop = QDropEvent(QPointF(at), action, data, LEFT, NO_MOD)
    QApplication.sendEvent(editor.view.viewport(), drop)
    return enter.isAccepted() or drop.isAccepted()


def test_a_viewer_sees_the_procedure_and_changes_nothing(qtbot: QtBot, viewer: Session) -> None:
    page = open_page(qtbot, viewer)
    open_procedure(qtbot, page, "nginx watchdog")
    pane, editor = page.pane, page.pane.editor
    before = graph_dict(pane.document)
    assert set(editor.scene.blocks) == {n["id"] for n in EXAMPLE["nodes"]}
    # the canvas: no palette drop, no drag, no connect, no keyboard edit
    assert not editor.palette_panel.isEnabled()
    assert not _drop_accepted(editor, QPoint(40, 40))
    start = block_point(editor, "pause")
    drag(editor, start, start + QPoint(120, 60))
    drag(editor, block_point(editor, "ok"), block_point(editor, "alert"),
         modifier=Qt.KeyboardModifier.ShiftModifier)
    click(editor, "pause")
    assert editor.selected_node_ids() == ["pause"]  # selecting still works
    for sequence in ("Delete", "Ctrl+D", "Ctrl+L", "N", "Ctrl+X", "Ctrl+V"):
        keys(editor, sequence)
    # the properties form shows the block, not for editing
    form = pane.properties.form
    assert form is not None and not form.isEnabled()
    # an edit reaching the controller anyway is refused, and said so
    assert not editor.controller.set_property("pause", "seconds", 99)
    assert editor.message.isVisible() and "view" in editor.message.text()
    # the header and the actions
    assert pane.header.name.isReadOnly() and pane.header.description.isReadOnly()
    assert not any(editor.actions()[name].isEnabled() for name in EDITING)
    assert editor.actions()["copy"].isEnabled() and editor.actions()["fit"].isEnabled()
    assert not any(pane.page_actions[name].isEnabled()
                   for name in ("new", "save", "run", "delete_procedure"))
    assert not page.new_button.isEnabled()
    assert graph_dict(pane.document) == before
    assert not pane.is_modified() and editor.undo_stack.count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "editor_viewer_read_only.png"))


def test_a_writer_may_edit_the_same_procedure(qtbot: QtBot, viewer: Session,
                                              session: Session) -> None:
    """The same steps as the admin change it (so the viewer's test above can fail)."""
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    editor = page.pane.editor
    assert editor.palette_panel.isEnabled()
    assert _drop_accepted(editor, QPoint(40, 40))
    click(editor, "pause")
    keys(editor, "Delete")
    assert "pause" not in editor.scene.blocks and page.pane.is_modified()
