"""The editor's actions, each with its shortcut(s): what the editor page puts in its menus and
toolbar. Built here from a table so every action has a name, a text, keys and a slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from noc_desktop.canvas.editor import FlowchartEditor

Keys = list[QKeySequence]
SK = QKeySequence.StandardKey

#: the actions that change the procedure: disabled in a read-only editor (a viewer's)
EDITING = ("undo", "redo", "delete", "cut", "paste", "duplicate", "connect", "set_start",
           "add_note", "auto_layout", "search_palette", "insert_at_cursor")


translate = QCoreApplication.translate


def _keys(*keys: str | QKeySequence.StandardKey) -> Keys:
    found: Keys = []
    for key in keys:
        if isinstance(key, str):
            found.append(QKeySequence(key))
        else:
            found += QKeySequence.keyBindings(key)
    unique: Keys = []
    for sequence in found:
        if sequence not in unique:
            unique.append(sequence)
    return unique


def build_actions(editor: FlowchartEditor) -> dict[str, QAction]:
    """Every action of ``editor`` by name, added to it (shortcuts work while it has focus)."""
    stack = editor.undo_stack
    undo = stack.createUndoAction(editor, translate("FlowchartEditor", "Undo"))
    redo = stack.createRedoAction(editor, translate("FlowchartEditor", "Redo"))
    undo.setShortcuts(_keys(SK.Undo, "Ctrl+Z"))
    redo.setShortcuts(_keys("Ctrl+Shift+Z", "Ctrl+Y", SK.Redo))
    actions: dict[str, QAction] = {"undo": undo, "redo": redo}
    view = editor.view
    texts = {
        "delete": translate("FlowchartEditor", "Delete"),
        "cut": translate("FlowchartEditor", "Cut"),
        "copy": translate("FlowchartEditor", "Copy"),
        "paste": translate("FlowchartEditor", "Paste"),
        "duplicate": translate("FlowchartEditor", "Duplicate"),
        "select_all": translate("FlowchartEditor", "Select all"),
        "connect": translate("FlowchartEditor", "Connect selected blocks"),
        "set_start": translate("FlowchartEditor", "Set as start"),
        "add_note": translate("FlowchartEditor", "Add note"),
        "auto_layout": translate("FlowchartEditor", "Auto-layout"),
        "fit": translate("FlowchartEditor", "Fit to window"),
        "zoom_in": translate("FlowchartEditor", "Zoom in"),
        "zoom_out": translate("FlowchartEditor", "Zoom out"),
        "search_palette": translate("FlowchartEditor", "Find a block to add"),
        "insert_at_cursor": translate("FlowchartEditor", "Insert the palette's block"),
    }
    table: list[tuple[str, Keys, Callable[[], object]]] = [
        ("delete", _keys("Delete", "Backspace"), editor.delete_selected),
        ("cut", _keys(SK.Cut, "Ctrl+X"), editor.cut),
        ("copy", _keys(SK.Copy, "Ctrl+C"), editor.copy),
        ("paste", _keys(SK.Paste, "Ctrl+V"), editor.paste),
        ("duplicate", _keys("Ctrl+D"), editor.duplicate),
        ("select_all", _keys("Ctrl+A"), editor.select_all),
        ("connect", _keys("Ctrl+E"), editor.connect_selected),
        ("set_start", _keys("Ctrl+Shift+Home"), editor.set_start_selected),
        ("add_note", _keys("N"), editor.add_note),
        ("auto_layout", _keys("Ctrl+L"), editor.controller.auto_layout),
        ("fit", _keys("Ctrl+0"), view.fit),
        ("zoom_in", _keys(SK.ZoomIn, "Ctrl+=", "+"), view.zoom_in),
        ("zoom_out", _keys(SK.ZoomOut, "-"), view.zoom_out),
        ("search_palette", _keys("Ctrl+K"), editor.palette_panel.focus_search),
        ("insert_at_cursor", _keys("Ctrl+Return"), editor.insert_current),
    ]
    for name, keys, slot in table:
        action = QAction(texts[name], editor)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        actions[name] = action
    for name, action in actions.items():
        action.setObjectName(name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = action.shortcuts()
        if keys:  # the shortcut in the tooltip, so toolbar users learn it
            native = keys[0].toString(QKeySequence.SequenceFormat.NativeText)
            tip = translate("FlowchartEditor", "{action} ({keys})")
            action.setToolTip(tip.format(action=action.text(), keys=native))
        editor.addAction(action)
    return actions


def set_read_only(editor: FlowchartEditor, read_only: bool) -> None:
    """Let ``editor`` change nothing (a viewer's) or edit again: no drops, moves, connects or
    note edits on the canvas, the palette hidden, the editing actions disabled; the controller
    refuses every edit besides. Selecting, copying, zooming and fitting still work."""
    editor.controller.read_only = read_only
    editor.scene.set_editable(not read_only)
    editor.palette_panel.setEnabled(not read_only)
    editor.palette_panel.setVisible(not read_only)  # the canvas takes its room
    stack = editor.undo_stack
    for name in EDITING:
        enabled = not read_only
        if name in ("undo", "redo"):  # the undo stack enables these by itself
            enabled = enabled and (stack.canUndo() if name == "undo" else stack.canRedo())
        editor._actions[name].setEnabled(enabled)
