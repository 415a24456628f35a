"""``EditorHeader``: above the canvas, the procedure's name and description as fields (each
edit goes to the document as one merging undo step), what is being edited (new, or version N,
with ``*`` while unsaved) and a status line for what the last action did."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE


class EditorHeader(QWidget):
    """Fields the user types in; ``set_fields`` loads them without signalling."""

    name_edited = Signal(str)
    description_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("editing_title")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("editor_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.name = QLineEdit()
        self.name.setObjectName("procedure_name")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("A name operators will recognise"))
        self.description = QLineEdit()
        self.description.setObjectName("procedure_description")
        self.description.setMaxLength(10_000)
        self.description.setPlaceholderText(self.tr("What it does and when to run it"))
        self.name_problem = QLabel()
        self.name_problem.setObjectName("name_problem")
        self.name_problem.setStyleSheet(ERROR_TEXT_STYLE)
        self.name_problem.setVisible(False)
        self.name.textEdited.connect(self.name_edited)
        self.description.textEdited.connect(self.description_edited)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch()
        top.addWidget(self.status, 1)
        fields = QHBoxLayout()
        fields.addWidget(QLabel(self.tr("Name")))
        fields.addWidget(self.name, 2)
        fields.addSpacing(8)
        fields.addWidget(QLabel(self.tr("Description")))
        fields.addWidget(self.description, 3)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 4)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(fields)
        column.addWidget(self.name_problem)

    def set_fields(self, name: str, description: str) -> None:
        """Show the document's name and description (an undo, a load) where they differ."""
        if self.name.text() != name:
            self.name.setText(name)
        if self.description.text() != description:
            self.description.setText(description)

    def set_title(self, name: str, version: int | None, modified: bool) -> None:
        if version is None:
            text = self.tr("New procedure")
        else:
            text = self.tr("{name} (version {version})").format(
                name=name or self.tr("Untitled"), version=version)
        self.title.setText(f"{text} *" if modified else text)
        self.title.setToolTip(self.tr("Not saved yet") if modified else "")

    def show_name_problem(self, message: str) -> None:
        self.name_problem.setText(message)
        self.name_problem.setVisible(bool(message))

    def say(self, text: str) -> None:
        self.status.setText(text)

    def say_failed(self, headline: str, exc: BaseException) -> None:
        """``headline`` (translated) and why, as ``describe_error`` tells it."""
        self.status.setText(f"{headline} {describe_error(exc)}".strip())
