"""``StepsList``: the walked steps, one line each (node, what happened, the way out), with the
details as a tooltip; steps not yet revealed by Step are hidden. Choosing a line shows the
walk up to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from noc_contracts import SimulatedStep
from noc_desktop.simulator.step_text import step_line, step_tooltip
from noc_desktop.widgets.looks import ERROR_RED

FAILED = QColor(ERROR_RED)


class StepsList(QListWidget):
    """``step_chosen(count)``: the user picked a line; show the first ``count`` steps."""

    step_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sim_steps")
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.itemClicked.connect(lambda item: self.step_chosen.emit(self.row(item) + 1))

    def set_steps(self, steps: list[SimulatedStep]) -> None:
        self.clear()
        for number, step in enumerate(steps, start=1):
            item = QListWidgetItem(f"{number}. {step_line(step)}")
            item.setToolTip(step_tooltip(step))
            item.setData(Qt.ItemDataRole.UserRole, step.node_id)
            failed = step.error or (step.outcome is not None and step.outcome.status != "ok")
            if failed:
                item.setForeground(QBrush(FAILED))
            self.addItem(item)

    def reveal(self, count: int) -> None:
        """Show the first ``count`` lines, the last of them current."""
        for row in range(self.count()):
            self.item(row).setHidden(row >= count)
        if 0 < count <= self.count():
            self.blockSignals(True)
            self.setCurrentRow(count - 1)
            self.blockSignals(False)
            self.scrollToItem(self.item(count - 1))
