"""The canvas's context menus: an edge's kind (among those valid for its source) and delete; a
block's start, duplicate and delete; the background's paste and note. Built from the document
and sent to the controller as intents; returned so tests can trigger their actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from noc_desktop.canvas.looks import edge_text
from noc_desktop.document import DocEdge, valid_edge_kinds
from noc_desktop.document.edge_rules import used_kinds

if TYPE_CHECKING:
    from noc_desktop.canvas.editor import FlowchartEditor


translate = QCoreApplication.translate


def edge_menu(editor: FlowchartEditor, edge: DocEdge) -> QMenu:
    """Change the edge's kind (used kinds disabled, its own checked) or delete it."""
    doc, controller = editor.document, editor.controller
    menu = QMenu(editor)
    menu.addSection(translate("FlowchartEditor", "Way out"))
    used = used_kinds(doc, edge.source, ignoring=edge)
    for kind in valid_edge_kinds(doc.node_type(edge.source)):
        action = menu.addAction(edge_text(kind))
        action.setObjectName(f"kind:{kind}")
        action.setCheckable(True)
        action.setChecked(kind == edge.kind)
        action.setEnabled(kind not in used and not editor.read_only)
        action.triggered.connect(lambda _=False, k=kind: controller.reconnect(edge, kind=k))
    menu.addSeparator()
    delete = menu.addAction(translate("FlowchartEditor", "Delete edge"))
    delete.setObjectName("delete")
    delete.setEnabled(not editor.read_only)
    delete.triggered.connect(lambda: controller.remove_edge(edge))
    return menu


def block_menu(editor: FlowchartEditor, node_id: str) -> QMenu:
    controller = editor.controller
    if not editor.scene.blocks[node_id].isSelected():
        controller.select([node_id])
    menu = QMenu(editor)
    start = menu.addAction(translate("FlowchartEditor", "Set as start"))
    start.setObjectName("set_start")
    start.setEnabled(editor.document.start != node_id and not editor.read_only)
    start.triggered.connect(lambda: controller.set_start(node_id))
    for name in ("duplicate", "copy", "cut", "delete"):
        menu.addAction(editor.actions()[name])
    return menu


def note_colours() -> list[tuple[str, str]]:
    """The note colours offered: (name, ``#rrggbb``)."""
    return [(translate("FlowchartEditor", "Yellow"), "#fff3a0"),
            (translate("FlowchartEditor", "Green"), "#d7f5d0"),
            (translate("FlowchartEditor", "Blue"), "#d6ecff"),
            (translate("FlowchartEditor", "Pink"), "#ffd9e6"),
            (translate("FlowchartEditor", "Grey"), "#eceff1")]


def note_menu(editor: FlowchartEditor, note_id: str) -> QMenu:
    """Edit the text, pick a colour, delete."""
    controller = editor.controller
    menu = QMenu(editor)
    edit = menu.addAction(translate("FlowchartEditor", "Edit text"))
    edit.setObjectName("edit_text")
    edit.setEnabled(not editor.read_only)
    edit.triggered.connect(lambda: editor.scene.notes[note_id].start_editing())
    menu.addSection(translate("FlowchartEditor", "Colour"))
    current = editor.document.note(note_id).color.lower()
    for name, colour in note_colours():
        action = menu.addAction(name)
        action.setObjectName(f"colour:{colour}")
        action.setCheckable(True)
        action.setChecked(colour == current)
        action.setEnabled(not editor.read_only)
        action.triggered.connect(
            lambda _=False, c=colour: controller.edit_note(note_id, "color", c))
    menu.addSeparator()
    delete = menu.addAction(translate("FlowchartEditor", "Delete note"))
    delete.setObjectName("delete")
    delete.setEnabled(not editor.read_only)
    delete.triggered.connect(lambda: controller.delete((), (), [note_id]))
    return menu


def canvas_menu(editor: FlowchartEditor, at: QPointF) -> QMenu:
    menu = QMenu(editor)
    note: QAction = menu.addAction(translate("FlowchartEditor", "Add note here"))
    note.setObjectName("add_note")
    note.setEnabled(not editor.read_only)
    note.triggered.connect(lambda: editor.controller.add_note((at.x(), at.y())))
    paste = menu.addAction(translate("FlowchartEditor", "Paste here"))
    paste.setObjectName("paste")
    paste.setEnabled(not editor.read_only)
    paste.triggered.connect(lambda: editor.paste_at(at))
    for name in ("select_all", "auto_layout", "fit"):
        menu.addAction(editor.actions()[name])
    return menu
