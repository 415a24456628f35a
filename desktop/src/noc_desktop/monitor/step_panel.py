"""``StepPanel``: the selected host's steps (each visit and attempt) and, for the selected
step, its stdout, stderr, message and facts (pretty JSON)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.state import HostState, StepState
from noc_desktop.widgets.statuses import status_label


class StepPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.tabs = QTabWidget()
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.outputs: dict[str, QPlainTextEdit] = {}
        for key, title in (("stdout", self.tr("Output")), ("stderr", self.tr("Errors")),
                           ("msg", self.tr("Message")), ("facts", self.tr("Facts"))):
            edit = QPlainTextEdit()
            edit.setReadOnly(True)
            edit.setFont(fixed)
            edit.setObjectName(key)
            self.outputs[key] = edit
            self.tabs.addTab(edit, title)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.steps)
        split.addWidget(self.tabs)
        split.setSizes([220, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._host: HostState | None = None
        self.steps.currentRowChanged.connect(self._show_step)

    def set_host(self, host: HostState | None) -> None:
        """List the host's steps, keeping the selected row (the latest when none was)."""
        previous = self.steps.currentRow()
        was_last = previous < 0 or previous == self.steps.count() - 1
        same = host is not None and self._host is not None and host.name == self._host.name
        self._host = host
        self.steps.blockSignals(True)
        self.steps.clear()
        for step in host.steps if host else []:
            item = QListWidgetItem(self._label(step))
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(status_colour(step.status)))
            self.steps.addItem(item)
        self.steps.blockSignals(False)
        if self.steps.count():
            keep = previous if same and not was_last else self.steps.count() - 1
            self.steps.setCurrentRow(min(keep, self.steps.count() - 1))
        self._show_step(self.steps.currentRow())

    def _label(self, step: StepState) -> str:
        text = self.tr("{step} — {status}").format(step=step.step_id,
                                                   status=status_label(step.status))
        if step.visit > 1:
            text += " · " + self.tr("visit {n}").format(n=step.visit)
        if step.attempt > 1:
            text += " · " + self.tr("attempt {n}").format(n=step.attempt)
        if step.rc is not None:
            text += f" · rc {step.rc}"
        return text

    def _show_step(self, row: int) -> None:
        step = self._host.steps[row] if self._host and 0 <= row < len(self._host.steps) else None
        values = {"stdout": step.stdout if step else "", "stderr": step.stderr if step else "",
                  "msg": step.msg if step else "",
                  "facts": json.dumps(step.facts, indent=2, sort_keys=True, default=str)
                  if step and step.facts else ""}
        for key, edit in self.outputs.items():
            if edit.toPlainText() != values[key]:
                edit.setPlainText(values[key])
