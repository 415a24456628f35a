"""``CompareView``: two versions of a procedure side by side on read-only canvases, the older
(or theirs) on the left with removed and changed blocks marked, the newer (or mine) on the
right with added and changed blocks marked, and the rest of the diff in words below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.view import FlowchartView
from noc_desktop.document.diff import ProcedureDiff, diff_graphs
from noc_desktop.procedures.diff_text import diff_summary


def _side(title: QLabel, view: FlowchartView) -> QWidget:
    side = QWidget()
    column = QVBoxLayout(side)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(title)
    column.addWidget(view, 1)
    return side


def _title(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet("font-weight: 600; padding: 4px 2px;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CompareView(QWidget):
    """Call ``compare(left, left_title, right, right_title)``; ``diff`` is what it found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff = ProcedureDiff()
        self.left_title, self.right_title = _title("left_title"), _title("right_title")
        self.left, self.right = FlowchartView(), FlowchartView()
        self.left.setObjectName("left_canvas")
        self.right.setObjectName("right_canvas")
        self.summary = QLabel()
        self.summary.setObjectName("diff_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(self.tr(
            "Marked blocks: added (green), removed (red), changed (orange)."))
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        split = QSplitter()
        split.addWidget(_side(self.left_title, self.left))
        split.addWidget(_side(self.right_title, self.right))
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(split, 1)
        column.addWidget(self.summary)
        column.addWidget(self.legend)

    def compare(self, left: ProcedureGraph, left_title: str,
                right: ProcedureGraph, right_title: str) -> ProcedureDiff:
        """Show ``left`` and ``right`` with the marks of the diff from left to right."""
        self.diff = diff_graphs(left, right)
        self.left_title.setText(left_title)
        self.right_title.setText(right_title)
        self.left.set_graph(left)
        self.right.set_graph(right)
        self.left.flow_scene.set_block_marks(self.diff.old_marks())
        self.right.flow_scene.set_block_marks(self.diff.new_marks())
        self.summary.setText(diff_summary(self.diff))
        return self.diff
