"""``Palette``: the blocks the user can add: the flow blocks (decision, loop, wait, end) and the
server's task types (``GET /task-types``, the contracts' catalogue while offline) grouped by
kind, with a search box. Drag an entry onto the canvas, or press Enter (or double-click) to
insert it at the canvas's cursor.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import CATALOGUE, TaskTypeSpec
from noc_desktop.canvas.edit_view import BLOCK_MIME
from noc_desktop.canvas.palette_icons import entry_icon
from noc_desktop.canvas.task_titles import task_title
from noc_desktop.client import ApiError
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.slots import async_slot

ENTRY = Qt.ItemDataRole.UserRole  # (block type, task type or "")
KINDS = ("monitoring", "action", "notification")


def catalogue_specs() -> list[TaskTypeSpec]:
    """The contracts' catalogue as the server would list it (the offline fallback)."""
    return [TaskTypeSpec(name=t.name, kind=t.kind, module=t.module, title=t.title,
                         description=t.description, params_schema=t.params.model_json_schema(),
                         facts=t.facts, requires_allow_command=t.requires_allow_command)
            for t in CATALOGUE.values()]


class PaletteTree(QTreeWidget):
    """The entries; dragging one carries ``BLOCK_MIME``; Enter asks to insert it."""

    activated_entry = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(18, 18))
        self.setIndentation(12)
        self.setStyleSheet("QTreeView::item { padding: 2px 0; }")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.itemActivated.connect(self._activated)

    def mimeTypes(self) -> list[str]:
        return [BLOCK_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        entry = items[0].data(0, ENTRY) if items else None
        if entry:
            payload = json.dumps({"type": entry[0], "task": entry[1]}).encode()
            data.setData(BLOCK_MIME, QByteArray(payload))
        return data

    def _activated(self, item: QTreeWidgetItem) -> None:
        entry = item.data(0, ENTRY)
        if entry:
            self.activated_entry.emit(entry[0], entry[1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self._activated(current)
            return
        super().keyPressEvent(event)


class Palette(QWidget):
    """Search box over the entry tree; ``insert_requested(block type, task type or "")``."""

    insert_requested = Signal(str, str)
    #: the task types shown (the server's once loaded): for the properties panel and colours
    task_types_loaded = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search blocks (Ctrl+K)"))
        self.search.setClearButtonEnabled(True)
        self.tree = PaletteTree()
        hint = QLabel(self.tr("Drag a block onto the canvas, or press Enter to add it where "
                              "the mouse is."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #607d8b; font-size: 11px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search)
        layout.addWidget(hint)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._insert_first)
        self.tree.activated_entry.connect(self.insert_requested)
        self.search.installEventFilter(self)
        self.specs: list[TaskTypeSpec] = []
        self.set_task_types(catalogue_specs())

    def set_task_types(self, specs: list[TaskTypeSpec]) -> None:
        self.specs = list(specs)
        self.tree.clear()
        flow = self._group(self.tr("Flow"))
        for block_type, title, tip in (
                ("decision", self.tr("Decision"), self.tr("Two ways out: true or false")),
                ("loop", self.tr("Loop"), self.tr("Repeat a body a bounded number of times")),
                ("wait", self.tr("Wait"), self.tr("Pause for some seconds")),
                ("end", self.tr("End"), self.tr("The host's run ends here"))):
            self._entry(flow, title, tip, block_type, "")
        names = {"monitoring": self.tr("Monitoring"), "action": self.tr("Action"),
                 "notification": self.tr("Notification")}
        for kind in KINDS:
            group = self._group(names[kind])
            titled = ((task_title(s.name, s.title), s) for s in specs if str(s.kind) == kind)
            for title, spec in sorted(titled, key=lambda pair: pair[0].casefold()):
                self._entry(group, title, f"{spec.description}\n{spec.name} ({spec.module})",
                            "task", spec.name)
        self.tree.expandAll()
        # wide enough for the longest entry in the language shown (pt_BR's titles are longer)
        self.tree.setMinimumWidth(self.tree.sizeHintForColumn(0) + 2 * self.tree.frameWidth()
                                  + self.tree.verticalScrollBar().sizeHint().width())
        self.filter(self.search.text())
        self.task_types_loaded.emit(self.specs)

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [title])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        return group

    def _entry(self, group: QTreeWidgetItem, title: str, tip: str, block_type: str,
               task: str) -> None:
        item = QTreeWidgetItem(group, [title])
        spec = next((s for s in self.specs if s.name == task), None)
        item.setIcon(0, entry_icon(block_type, str(spec.kind) if spec else ""))
        item.setToolTip(0, tip)
        item.setData(0, ENTRY, (block_type, task))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsDragEnabled)

    def groups(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(g) for g in range(self.tree.topLevelItemCount()))
        return [group for group in found if group is not None]

    @staticmethod
    def entries_of(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = (group.child(i) for i in range(group.childCount()))
        return [item for item in found if item is not None]

    def entries(self, visible_only: bool = True) -> list[QTreeWidgetItem]:
        """The block entries (not the group headings), in order."""
        return [item for group in self.groups() for item in self.entries_of(group)
                if not (visible_only and (item.isHidden() or group.isHidden()))]

    def filter(self, text: str) -> None:
        """Show the entries whose title, name or description holds ``text``."""
        words = text.casefold().split()
        for group in self.groups():
            shown = 0
            for item in self.entries_of(group):
                haystack = f"{item.text(0)} {item.toolTip(0)}".casefold()
                item.setHidden(not all(word in haystack for word in words))
                shown += not item.isHidden()
            group.setHidden(shown == 0)
        first = next(iter(self.entries()), None)
        if first is not None and words:
            self.tree.setCurrentItem(first)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _insert_first(self) -> None:
        item = self.tree.currentItem() if self.search.text() else None
        entry = item.data(0, ENTRY) if item is not None and not item.isHidden() else None
        if entry:
            self.insert_requested.emit(entry[0], entry[1])

    def eventFilter(self, watched: object, event: object) -> bool:
        if (watched is self.search and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down):
            self.tree.setFocus()
            if self.tree.currentItem() is None and self.entries():
                self.tree.setCurrentItem(self.entries()[0])
            return True
        return False

    @async_slot
    async def load(self, session: Session) -> None:
        """The server's catalogue; the contracts' stays when the server cannot be reached."""
        try:
            specs = await call_for(self, session, session.client.task_types())
        except ApiError:
            return
        self.set_task_types(specs)
