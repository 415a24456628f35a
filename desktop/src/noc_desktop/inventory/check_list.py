"""``CheckList``: pick several names (a host's groups, a group's children) from a checkable
list, with a box to add a name that is not there yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CheckList(QWidget):
    def __init__(self, names: list[str], checked: list[str], *, allow_new: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(70)
        self.list.setMaximumHeight(130)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("New name"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.new_name.returnPressed.connect(self._add_clicked)
        for name in sorted(set(names) | set(checked)):
            self._item(name, name in checked)
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.new_name.setVisible(allow_new)
        self.add_button.setVisible(allow_new)

    def checked(self) -> list[str]:
        return [item.text() for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, name: str, checked: bool = True) -> None:
        for item in self._items():
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)
                return
        self._item(name, checked)

    def set_read_only(self, read_only: bool) -> None:
        self.list.setEnabled(not read_only)
        self.new_name.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)

    def _item(self, name: str, checked: bool) -> None:
        item = QListWidgetItem(name, self.list)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _items(self) -> list[QListWidgetItem]:
        return [item for i in range(self.list.count()) if (item := self.list.item(i))]

    def _add_clicked(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self.set_checked(name)
            self.new_name.clear()
