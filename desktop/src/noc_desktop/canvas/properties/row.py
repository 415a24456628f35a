"""``FieldRow``: one field of a properties form: its label (with the required mark), its editor,
and under it the message of what is wrong, checked shortly after the user stops typing."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from noc_desktop.canvas.properties.editors import FieldEditor
from noc_desktop.widgets.looks import ERROR_RED, ERROR_TEXT_STYLE

#: how long after the last key the field is checked
CHECK_DELAY_MS = 300
#: the width of a field's label, in average characters
LABEL_CHARS = 17
Checker = Callable[[Any], list[str]]


class FieldRow(QObject):
    """Label, editor and message of one field. The message shows the live check's problems
    when there are any, else the problems last given by ``set_problem`` (validation's)."""

    def __init__(self, path: str, title: str, editor: FieldEditor, *, required: bool = False,
                 description: str = "", checker: Checker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.editor = editor
        self.checker = checker
        mark = f' <span style="color:{ERROR_RED}">*</span>' if required else ""
        self.label = QLabel(html.escape(title) + mark, parent)
        self.label.setObjectName(f"label:{path}")
        self.label.setToolTip(description)
        # one label width for every row; a long title wraps instead of widening the form
        self.label.setWordWrap(True)
        width = self.label.fontMetrics().averageCharWidth() * LABEL_CHARS
        self.label.setFixedWidth(width)
        self.label.setMinimumHeight(max(0, self.label.heightForWidth(width)))
        editor.setToolTip(description)
        editor.input_widget().setToolTip(description)
        editor.setObjectName(f"field:{path}")
        self.message = QLabel(parent)
        self.message.setObjectName(f"message:{path}")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_TEXT_STYLE)
        self.message.setVisible(False)
        self.cell = QWidget(parent)
        layout = QVBoxLayout(self.cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)
        self.required = required
        self.live: list[str] = []
        self.given: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

    def schedule_check(self) -> None:
        """Check after the delay (restarted by every key); validation's word is stale now."""
        self.given = []
        self._timer.start()
        self._render()

    def check_now(self) -> None:
        self._timer.stop()
        self.live = list(self.checker(self.editor.value())) if self.checker else []
        self._render()

    def set_problem(self, messages: list[str]) -> None:
        self.given = list(messages)
        self._render()

    def problems(self) -> list[str]:
        """What the message shows now."""
        return self.live or self.given

    def _render(self) -> None:
        shown = self.problems()
        self.message.setText("\n".join(dict.fromkeys(shown)))
        self.message.setVisible(bool(shown))
        self.editor.set_marked(bool(shown))
