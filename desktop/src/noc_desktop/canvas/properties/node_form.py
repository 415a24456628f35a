"""``NodeForm``: what every block's properties form shares: a heading, sections of field rows,
the block's id and label, one ``value_changed`` per edit, problems shown on their field, and
the expression context (names offered, ids checked)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from noc_contracts.graph import GraphNode
from noc_desktop.canvas.properties.block_editors import IdEditor
from noc_desktop.canvas.properties.completion import NameCompleter, NamesButton
from noc_desktop.canvas.properties.context import ExpressionContext
from noc_desktop.canvas.properties.editors import FieldEditor, LineEditor, TextEditor
from noc_desktop.canvas.properties.messages import NOTE_STYLE
from noc_desktop.canvas.properties.row import Checker, FieldRow
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE

Converter = Callable[[Any], Any]
#: base-class strings keep their own context (``self.tr`` would look under the subclass's)
translate = QCoreApplication.translate
#: a converter's answer for "nothing to apply yet" (the field shows why)
SKIP = object()


class NodeForm(QWidget):
    """Base of the block forms. ``set_values(node)`` loads a node without signalling."""

    #: the user changed a field: its path (``label``, ``params.url``, ``while``) and the new
    #: value (None for a param: leave it out of the params)
    value_changed = Signal(str, object)

    def __init__(self, heading: str, note: str = "",
                 context: ExpressionContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context or ExpressionContext()
        self.rows: dict[str, FieldRow] = {}
        self._converters: dict[str, Converter] = {}
        self._completers: list[NameCompleter] = []
        self._name_buttons: list[NamesButton] = []
        self._loading = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(6)
        title = QLabel(heading, self)
        title.setObjectName("heading")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.layout_.addWidget(title)
        if note:
            self.note = QLabel(note, self)
            self.note.setWordWrap(True)
            self.note.setStyleSheet(NOTE_STYLE)
            self.layout_.addWidget(self.note)
        self.general = QLabel(self)
        self.general.setObjectName("general_problems")
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_TEXT_STYLE)
        self.general.setVisible(False)
        self.layout_.addWidget(self.general)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(6)
        self.layout_.addLayout(self.form)
        block = self.add_section(translate("NodeForm", "Block"))
        self.id_editor = IdEditor(self)
        self.add_row(block, "id", translate("NodeForm", "Id"), self.id_editor, required=True,
                     description=translate("NodeForm", "Unique in the procedure; expressions "
                                           "name the block by it (steps.<id>, loop.<id>)"),
                     checker=self._id_problems)
        self.label_editor = LineEditor(self)
        self.label_editor.edit.setMaxLength(200)
        self.label_editor.edit.setPlaceholderText(translate("NodeForm", "Shown instead of the id"))
        self.add_row(block, "label", translate("NodeForm", "Label"), self.label_editor,
                     converter=lambda text: text or None)

    def finish(self) -> None:
        """Called by subclasses once every section is added."""
        self.layout_.addStretch(1)
        self._use_context()

    def add_section(self, title: str) -> QFormLayout:
        """A bold heading row; the section's rows follow it in the one form (labels align)."""
        heading = QLabel(title, self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(heading)
        return self.form

    def add_row(self, form: QFormLayout, path: str, title: str, editor: FieldEditor, *,
                required: bool = False, description: str = "", checker: Checker | None = None,
                converter: Converter | None = None) -> FieldRow:
        row = FieldRow(path, title, editor, required=required, description=description,
                       checker=checker, parent=self)
        form.addRow(row.label, row.cell)
        self.rows[path] = row
        self._converters[path] = converter or (lambda value: value)
        editor.edited.connect(lambda: self._edited(path))
        return row

    def add_completer(self, edit: QLineEdit, editor: FieldEditor,
                      template_only: bool = False) -> None:
        """Complete the context's names in ``edit`` as the user types."""
        completer = NameCompleter(edit, template_only=template_only)
        completer.inserted.connect(editor.edited.emit)
        self._completers.append(completer)

    def add_names(self, editor: LineEditor | TextEditor, template_only: bool = False) -> None:
        """Offer the context's names in ``editor``: as the user types (a line), and from a
        menu beside it; in a text field a name goes in as a template (``{{ host.name }}``)."""
        if isinstance(editor, LineEditor):
            self.add_completer(editor.edit, editor, template_only)
        button = NamesButton(editor, template_only)
        button.chosen.connect(
            lambda text: editor.insert("{{ " + text + " }}" if template_only else text))
        editor.row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self._name_buttons.append(button)

    def _edited(self, path: str) -> None:
        if self._loading:
            return
        row = self.rows[path]
        row.schedule_check()
        value = self._converters[path](row.editor.value())
        if value is not SKIP:
            self.value_changed.emit(path, value)

    def value_of(self, path: str) -> Any:
        """The field's value as ``value_changed`` would give it."""
        return self._converters[path](self.rows[path].editor.value())

    def set_values(self, node: GraphNode) -> None:
        """Load ``node`` into the fields (no ``value_changed``), then check them."""
        self._loading = True
        try:
            self.id_editor.set_value(node.id)
            self.label_editor.set_value(node.label)
            self.load(node)
        finally:
            self._loading = False
        self.check_now()

    def load(self, node: GraphNode) -> None:
        """Subclasses fill their own fields from ``node``."""

    def set_context(self, context: ExpressionContext) -> None:
        """The procedure's ids changed: offer their names and check again (nothing to do
        when they did not: the rows keep their debounced checks)."""
        if context == self.context:
            return
        self.context = context
        self._use_context()

    def _use_context(self) -> None:
        names = self.context.names()
        for completer in self._completers:
            completer.set_names(names)
        for button in self._name_buttons:
            button.set_names(names)
        self.check_now()

    def check_now(self) -> None:
        for row in self.rows.values():
            row.check_now()

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Mark each field named in ``problems`` (``params.to.0`` marks ``params.to``) with
        its message; what names no field is listed above the form."""
        by_row: dict[str, list[str]] = {path: [] for path in self.rows}
        general: list[str] = []
        for field, message in problems.items():
            path = next((p for p in sorted(self.rows, key=len, reverse=True)
                         if field == p or field.startswith(p + ".")), None)
            if path is None:
                general.append(f"{field}: {message}" if field else message)
            else:
                by_row[path].append(message)
        for path, messages in by_row.items():
            self.rows[path].set_problem(messages)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))

    def problems(self) -> dict[str, str]:
        """The message each marked field shows (for tests and the editor's summary)."""
        return {path: "\n".join(row.problems()) for path, row in self.rows.items()
                if row.problems()}

    def _id_problems(self, text: Any) -> list[str]:
        if not str(text).strip():
            return [translate("NodeForm", "Required.")]
        return []
