"""``FilterBar``: the hosts table's server-side filters (name glob, group, ``key=value`` vars),
debounced so typing sends one query once the user pauses."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from noc_desktop.inventory.paging import name_pattern, var_filters
from noc_desktop.widgets.form_errors import error_label, show_text

DEBOUNCE_MS = 300


class FilterBar(QWidget):
    #: the filters changed and settled: name glob (or ""), group (or ""), var items
    filters_changed = Signal(str, str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Name (web* or part of it)"))
        self.name.setClearButtonEnabled(True)
        self.group = QComboBox(self)
        self.group.setMinimumContentsLength(12)
        self.group.addItem(self.tr("All groups"), "")
        self.var = QLineEdit(self)
        self.var.setPlaceholderText(self.tr("Vars: key=value …"))
        self.var.setClearButtonEnabled(True)
        self.error = error_label(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.name.textChanged.connect(self._timer.start)
        self.var.textChanged.connect(self._timer.start)
        self.group.currentIndexChanged.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Filter:"), self))
        layout.addWidget(self.name, 2)
        layout.addWidget(self.group, 1)
        layout.addWidget(self.var, 2)
        layout.addWidget(self.error)

    def set_groups(self, names: list[str]) -> None:
        current = self.group_name()
        self.group.blockSignals(True)
        while self.group.count() > 1:
            self.group.removeItem(1)
        for name in sorted(names):
            self.group.addItem(name, name)
        index = self.group.findData(current)
        self.group.setCurrentIndex(max(index, 0))
        self.group.blockSignals(False)
        if index < 0 and current:
            self._emit()

    def group_name(self) -> str:
        return str(self.group.currentData() or "")

    def set_group(self, name: str) -> None:
        """Select ``name`` (e.g. from the group tree); "" is every group."""
        index = self.group.findData(name)
        if index >= 0 and index != self.group.currentIndex():
            self.group.setCurrentIndex(index)

    def flush(self) -> None:
        """Apply typed filters now instead of after the pause."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def _emit(self) -> None:
        items, bad = var_filters(self.var.text())
        if bad is not None:
            show_text(self.error, self.tr("not key=value: {item}").format(item=bad))
            return
        show_text(self.error, "")
        self.filters_changed.emit(name_pattern(self.name.text()) or "", self.group_name(),
                                  list(items))
