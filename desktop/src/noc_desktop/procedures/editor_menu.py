"""The editor page's toolbar: New, Save, Delete and Run… of the procedure, then the canvas
editor's own actions users reach for most (undo, redo, auto-layout, fit, note), each with its
shortcut in the tooltip. The actions live on the page as ``page_actions``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

if TYPE_CHECKING:
    from noc_desktop.procedures.editor_page import ProcedureEditor

# The strings are ProcedureEditor's (the class of ``pane``, the context Qt looks them up in):
# ``pane.tr(...)`` would be filed by lupdate under "pane", where no lookup ever finds them.
translate = QCoreApplication.translate

#: the canvas editor's actions shown in the toolbar (the rest stay on their shortcuts/menus)
EDITOR_ACTIONS = ("undo", "redo", "auto_layout", "fit", "add_note")


def _action(pane: ProcedureEditor, text: str, tip: str,
            keys: QKeySequence | None = None) -> QAction:
    action = QAction(text, pane)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if keys is not None:
        action.setShortcut(keys)
        tip = translate("ProcedureEditor", "{tip} ({keys})").format(
            tip=tip, keys=keys.toString(QKeySequence.SequenceFormat.NativeText))
    action.setToolTip(tip)
    pane.addAction(action)
    return action


def build_toolbar(pane: ProcedureEditor) -> QToolBar:
    """The toolbar (added to ``pane``); ``pane.page_actions`` names its own actions."""
    saver = pane.saver
    actions = {
        "new": _action(pane, translate("ProcedureEditor", "New"),
                       translate("ProcedureEditor", "Start a new procedure"),
                       QKeySequence(QKeySequence.StandardKey.New)),
        "save": _action(pane, translate("ProcedureEditor", "Save"),
                        translate("ProcedureEditor", "Save as a new version"),
                        QKeySequence(QKeySequence.StandardKey.Save)),
        "delete_procedure": _action(
            pane, translate("ProcedureEditor", "Delete procedure…"),
            translate("ProcedureEditor", "Delete this procedure and all its versions")),
        "run": _action(pane, translate("ProcedureEditor", "Run…"),
                       translate("ProcedureEditor", "Run the saved version now or later")),
        "validate": _action(pane, translate("ProcedureEditor", "Check"),
                            translate("ProcedureEditor", "Ask the server to check the procedure"),
                            QKeySequence("Ctrl+Shift+V")),
    }
    actions["new"].setObjectName("new_procedure")
    actions["new"].triggered.connect(saver.new_procedure)
    actions["save"].triggered.connect(lambda: saver.save())
    actions["delete_procedure"].triggered.connect(saver.delete)
    actions["run"].triggered.connect(saver.open_run_dialog)
    actions["validate"].triggered.connect(lambda: saver.check())
    pane.page_actions = actions
    toolbar = QToolBar(translate("ProcedureEditor", "Procedure"), pane)
    toolbar.setObjectName("editor_toolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(16, 16))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in ("new", "save", "validate", "run", "delete_procedure"):
        toolbar.addAction(actions[name])
    toolbar.addSeparator()
    editor_actions = pane.editor.actions()
    for name in EDITOR_ACTIONS:
        if name in editor_actions:
            toolbar.addAction(editor_actions[name])
    pane.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
