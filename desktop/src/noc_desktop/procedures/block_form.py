"""``BlockForm``: the properties dock kept on the selected block: its form shown when exactly
one block is selected (with the local and the server's problems on its fields), its edits sent
to the controller, redrawn when the document changes under it, disabled when read-only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from noc_desktop.canvas.editor import FlowchartEditor
from noc_desktop.canvas.properties import PropertiesPanel, context_of
from noc_desktop.document import Problem
from noc_desktop.document.node_checks import NodeChecks
from noc_desktop.procedures.server_problems import field_messages


class BlockForm(QObject):
    """Binds ``panel`` to ``editor``'s selection and document (the editor page owns both)."""

    def __init__(self, editor: FlowchartEditor, panel: PropertiesPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.panel = panel
        #: a viewer's form: shown, not editable
        self.read_only = False
        self._node: dict[str, Any] | None = None  # the block as its form shows it
        self._from_form = False
        editor.selection_changed.connect(lambda _: self.show())
        editor.task_types_loaded.connect(self._catalogue)
        editor.controller.problems_changed.connect(self._problems_changed)
        panel.value_changed.connect(self._form_changed)
        self._catalogue(editor.task_types)

    def document_changed(self) -> None:
        """The names expressions may use (only when an id or task type changed: a new context
        resets the completers and re-checks every field), and the form again unless the edit
        came from it."""
        doc = self.editor.document
        context = context_of(
            (n, doc.node_type(n), doc.node_view(n).get("task")) for n in doc.node_ids())
        if context != self.panel.context:
            self.panel.set_context(context)
        if not self._from_form:
            self.show(only_if_changed=True)

    def show(self, only_if_changed: bool = False) -> None:
        """The selected block's form (one block), with its problems on its fields."""
        doc = self.editor.document
        selected = self.editor.selected_node_ids()
        if len(selected) != 1 or not doc.has_node(selected[0]):
            if not only_if_changed or self._node is not None:
                self._node = None
                self.panel.clear(QCoreApplication.translate(
                    "ProcedureEditor", "Select one block to edit its properties.")
                    if selected else None)
            return
        data = doc.node(selected[0])
        if only_if_changed and data == self._node:
            return
        self._node = data
        form = self.panel.show_node(NodeChecks().model(data, []))
        if form is not None:
            form.setEnabled(not self.read_only)
            form.show_problems(field_messages(self.editor.controller.shown_problems(),
                                              selected[0]))

    def _catalogue(self, specs: list[Any]) -> None:
        self.panel.set_catalogue(specs)
        self.show()

    def _form_changed(self, node_id: str, path: str, value: object) -> None:
        self._from_form = True
        try:
            self.editor.controller.set_property(node_id, path, value)
        finally:
            self._from_form = False
        doc = self.editor.document
        if path == "id" and isinstance(value, str) and doc.has_node(value):
            self._node = doc.node(value)

    def _problems_changed(self, found: list[Problem]) -> None:
        selected = self.editor.selected_node_ids()
        if len(selected) == 1 and self.panel.form is not None:
            self.panel.form.show_problems(field_messages(found, selected[0]))
