"""``ExecutionHeader``: what ran, on what, by whom and how far it is, with a Cancel button that
asks first."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.monitor.colours import status_colour
from noc_desktop.monitor.state import ExecutionState
from noc_desktop.widgets.confirm import ask
from noc_desktop.widgets.looks import local_time
from noc_desktop.widgets.statuses import status_label


class ExecutionHeader(QWidget):
    #: the user confirmed they want the execution cancelled
    cancel_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.cancel = QPushButton(self.tr("Cancel execution…"))
        self.cancel.setObjectName("cancel")
        self.cancel.clicked.connect(self._confirm)
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        names = [("launched_by", self.tr("Launched by")), ("target", self.tr("Target")),
                 ("dry_run", self.tr("Dry run")), ("started", self.tr("Started")),
                 ("finished", self.tr("Finished")), ("id", self.tr("Execution"))]
        for i, (key, title) in enumerate(names):
            value = QLabel()
            value.setObjectName(key)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            caption = QLabel(title + ":")
            caption.setStyleSheet("color: palette(placeholder-text);")
            grid.addWidget(caption, i % 2, (i // 2) * 2)
            grid.addWidget(value, i % 2, (i // 2) * 2 + 1)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.status)
        top.addStretch()
        top.addWidget(self.counts)
        top.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_state(self, state: ExecutionState) -> None:
        header = state.header
        version = header.procedure_version
        self.title.setText(self.tr("{name} v{version}").format(
            name=header.procedure_name or self.tr("(deleted procedure)"), version=version)
            if version is not None else header.procedure_name)
        colour = status_colour(state.status)
        self.status.setText(status_label(state.status))
        self.status.setStyleSheet(f"background: {colour}; color: white; border-radius: 4px;"
                                  " padding: 2px 8px; font-weight: bold;")
        counts = state.status_counts()
        total = max(len(state.hosts), header.hosts_total)
        parts = [self.tr("{count} {status}").format(count=counts[s], status=status_label(s))
                 for s in ("running", "pending", "success", "failed", "unreachable",
                           "cancelled") if counts[s]]
        self.counts.setText(self.tr("{total} hosts: {parts}").format(
            total=total, parts=", ".join(parts) or "—"))
        target = header.target or {}
        if "group" in target:
            target_text = self.tr("group {name}").format(name=target["group"])
        elif target.get("hosts"):
            target_text = ", ".join(map(str, target["hosts"][:5]))
            if len(target["hosts"]) > 5:
                target_text += " " + self.tr("and {n} more").format(n=len(target["hosts"]) - 5)
        else:
            target_text = json.dumps(target) if target else "—"
        values = {"launched_by": header.launched_by or "—", "target": target_text,
                  "dry_run": self.tr("yes") if header.dry_run else self.tr("no"),
                  "started": local_time(header.started_at),
                  "finished": local_time(state.finished_at) or "—", "id": header.id}
        for key, text in values.items():
            self.fields[key].setText(text)
        self.cancel.setEnabled(not state.finished)

    def _confirm(self) -> None:
        ask(self, self.tr("Cancel execution"),
            self.tr("Stop every host of this execution? Running steps are killed and pending "
                    "ones never start."), self.cancel_confirmed.emit, name="confirm_cancel")
