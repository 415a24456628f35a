"""``ProblemsList``: every problem of the procedure being edited (the local checks' and the
server's), one line each naming the block and field; clicking one selects its block."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from noc_desktop.document import Problem

NODE_ROLE = Qt.ItemDataRole.UserRole + 1


def problem_line(problem: Problem) -> str:
    """``block · field: message`` with whichever of block and field is known."""
    where = " · ".join(part for part in (problem.node_id, problem.field) if part)
    return f"{where}: {problem.message}" if where else problem.message


class ProblemsList(QListWidget):
    """Shows ``set_problems``; ``block_chosen(node_id)`` when a block's problem is clicked."""

    block_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.problems: list[Problem] = []
        self.itemClicked.connect(self._clicked)
        self.set_problems([])

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self.clear()
        if not problems:
            item = QListWidgetItem(self.tr("No problems: the procedure can be saved."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            return
        for problem in problems:
            item = QListWidgetItem(problem_line(problem))
            item.setData(NODE_ROLE, problem.node_id or "")
            item.setForeground(Qt.GlobalColor.darkRed)
            self.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(NODE_ROLE)
        if node_id:
            self.block_chosen.emit(str(node_id))
