"""``GroupsTree``: the groups as a tree under an "All hosts" root, each with its direct host
count and (second column) the hosts including nested groups; selecting one filters the
hosts table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from noc_contracts.api import GroupPublic
from noc_desktop.inventory.group_index import ALL, GroupNode, build_forest

NAME_ROLE = Qt.ItemDataRole.UserRole


class GroupsTree(QTreeWidget):
    #: a group was selected (its name), or "All hosts" ("")
    group_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Group"), self.tr("Hosts"), self.tr("Nested")])
        self.setIndentation(14)
        self.setMinimumWidth(260)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.groups: dict[str, GroupPublic] = {}
        self.root = QTreeWidgetItem(self, [self.tr("All hosts")])
        self.root.setData(0, NAME_ROLE, "")
        self.itemSelectionChanged.connect(self._selection_changed)

    def set_groups(self, groups: list[GroupPublic]) -> None:
        """Rebuild the tree, keeping the selected group selected when it still exists."""
        current = self.selected_group()
        self.groups = {g.name: g for g in groups if g.name != ALL}
        self.blockSignals(True)
        self.root.takeChildren()
        for node in build_forest(groups):
            self._add(self.root, node)
        self.root.setExpanded(True)
        self.blockSignals(False)
        self.select_group(current if current in self.groups else "")

    def selected_group(self) -> str:
        items = self.selectedItems()
        return str(items[0].data(0, NAME_ROLE)) if items else ""

    def select_group(self, name: str) -> None:
        item = self.item_of(name) if name else self.root
        if item is not None and item is not self.currentItem():
            self.setCurrentItem(item)

    def item_of(self, name: str) -> QTreeWidgetItem | None:
        """The first place ``name`` appears in the tree."""
        matches = [i for i in self.findItems(name, Qt.MatchFlag.MatchExactly
                                             | Qt.MatchFlag.MatchRecursive, 0)
                   if i.data(0, NAME_ROLE) == name]
        return matches[0] if matches else None

    def _add(self, parent: QTreeWidgetItem, node: GroupNode) -> None:
        item = QTreeWidgetItem(parent, [node.name, str(node.direct), f"({node.total})"])
        item.setData(0, NAME_ROLE, node.name)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        item.setToolTip(0, self.tr("{direct} hosts directly, {total} with nested groups")
                        .format(direct=node.direct, total=node.total))
        for child in node.children:
            self._add(item, child)
        item.setExpanded(True)

    def _selection_changed(self) -> None:
        self.group_selected.emit(self.selected_group())
