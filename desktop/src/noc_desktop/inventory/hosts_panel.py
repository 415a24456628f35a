"""``HostsPanel``: the group tree beside the filtered hosts table, and the actions on them
(add, edit, delete, connection test, import, export). The table's rows come from the server
page by page; this panel only wires widgets to the models and the dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import HostPublic
from noc_desktop.client import ApiError
from noc_desktop.inventory.connection_test_dialog import ConnectionTestDialog
from noc_desktop.inventory.export import export_inventory, format_of
from noc_desktop.inventory.filter_bar import FilterBar
from noc_desktop.inventory.group_dialog import GroupDialog
from noc_desktop.inventory.group_index import IMPLICIT, assignable
from noc_desktop.inventory.groups_tree import GroupsTree
from noc_desktop.inventory.host_dialog import HostDialog
from noc_desktop.inventory.hosts_model import SORT_KEYS, HostsModel
from noc_desktop.inventory.import_dialog import ImportDialog
from noc_desktop.inventory.paging import HostQuery
from noc_desktop.session import Session
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.confirm import ask, tell
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.tickets import Tickets


class HostsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.credentials: list[str] = []
        self.dialog: QWidget | None = None  # the last dialog opened (tests drive it)
        self.model = HostsModel(session, parent=self)
        self.group_loads = Tickets()
        self.tree = GroupsTree(self)
        self.filters = FilterBar(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_clicked)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        for column, width in enumerate((160, 120, 50, 80, 80, 180, 100)):
            self.table.setColumnWidth(column, width)
        self.status = QLabel(self)
        self.buttons: dict[str, QPushButton] = {}
        toolbar = QHBoxLayout()
        for key, text, slot in (
                ("add_host", self.tr("Add host"), self.add_host),
                ("edit_host", self.tr("Edit"), self.edit_host),
                ("delete_host", self.tr("Delete"), self.delete_host),
                ("add_group", self.tr("Add group"), self.add_group),
                ("edit_group", self.tr("Edit group"), self.edit_group),
                ("delete_group", self.tr("Delete group"), self.delete_group),
                ("test", self.tr("Test connection"), self.test_connection),
                ("import", self.tr("Import…"), self.import_inventory),
                ("export", self.tr("Export…"), self.export_clicked),
                ("refresh", self.tr("Refresh"), self.refresh)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
            toolbar.addWidget(button)
            if key in ("delete_host", "delete_group"):
                toolbar.addSpacing(12)
            if key == "export":
                toolbar.addStretch(1)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filters)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)

        self.tree.group_selected.connect(self.filters.set_group)
        self.filters.filters_changed.connect(self._filters_changed)
        self.model.page_loaded.connect(self._show_count)
        self.model.load_failed.connect(self._load_failed)
        self.model.modelReset.connect(lambda: self.status.setText(self.tr("Loading…")))
        self.table.doubleClicked.connect(lambda _index: self.edit_host())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ---- loading ---------------------------------------------------------------------------
    @async_slot
    async def refresh(self) -> None:
        """Reload groups, credential names and the first page of hosts."""
        self.model.refresh()
        await self.reload_groups()

    async def reload_groups(self) -> None:
        """The groups tree and the credential names (only the latest reload's answer)."""
        client = self._session.client
        ticket = self.group_loads.take()
        try:
            groups = await call_for(self, self._session, client.list_groups())
            credentials = await call_for(self, self._session, client.list_credentials())
        except ApiError as exc:
            if not self.group_loads.is_latest(ticket):
                return
            self.status.setText(self.tr("Could not load the groups: {reason}")
                                .format(reason=describe_error(exc)))
            return
        if not self.group_loads.is_latest(ticket):
            return
        self.credentials = [c.name for c in credentials.data]
        self.tree.set_groups(groups.data)
        self.filters.set_groups(list(self.tree.groups))

    def _sort_clicked(self, column: int, _order: Qt.SortOrder) -> None:
        """Only the server's sort keys sort: another column puts the indicator back."""
        if column in SORT_KEYS:
            return
        sort = self.model.query.sort
        key = sort.lstrip("-")
        current = next((c for c, k in SORT_KEYS.items() if k == key), 0)
        order = Qt.SortOrder.DescendingOrder if sort.startswith("-") \
            else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(False)

    def _filters_changed(self, name: str, group: str, var: list[str]) -> None:
        self.tree.select_group(group)
        self.model.set_query(HostQuery(name=name or None, group=group or None, var=tuple(var),
                                       sort=self.model.query.sort))

    def _show_count(self, loaded: int, total: int) -> None:
        if self.model.query == HostQuery(sort=self.model.query.sort):
            self.tree.root.setText(1, str(total))
        self.status.setText(self.tr("{loaded} of {total} hosts loaded")
                            .format(loaded=loaded, total=total))

    def _load_failed(self, reason: str) -> None:
        self.status.setText(self.tr("Could not load hosts: {reason}").format(reason=reason))

    def _update_buttons(self) -> None:
        write = self._session.can_write
        host = self.selected_host() is not None
        group = bool(self.tree.selected_group())
        real = group and self.tree.selected_group() not in IMPLICIT
        for key, enabled in (("add_host", write), ("edit_host", host),
                             ("delete_host", write and host), ("add_group", write),
                             ("edit_group", real), ("delete_group", write and real),
                             ("test", write and (host or group)), ("import", write),
                             ("export", True)):
            self.buttons[key].setEnabled(enabled)
        self.buttons["edit_host"].setText(self.tr("Edit") if write else self.tr("View"))
        self.buttons["edit_group"].setText(self.tr("Edit group") if write
                                           else self.tr("View group"))

    def group_names(self) -> list[str]:
        """The groups a host or group may be put in."""
        return assignable(list(self.tree.groups))

    def selected_host(self) -> HostPublic | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.host_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    # ---- actions ---------------------------------------------------------------------------
    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(lambda _result: self.refresh())
        dialog.open()  # type: ignore[attr-defined]

    def add_host(self) -> None:
        group = self.tree.selected_group()
        dialog = HostDialog(self._session, None, self.group_names(),
                            self.credentials, self)
        if group:
            dialog.groups.set_checked(group)
        self._open(dialog)

    def edit_host(self) -> None:
        host = self.selected_host()
        if host is not None:
            dialog = HostDialog(self._session, host, self.group_names(),
                                self.credentials, self)
            dialog.set_read_only(not self._session.can_write)
            self._open(dialog)

    def delete_host(self) -> None:
        host = self.selected_host()
        if host is not None:
            ask(self, self.tr("Delete host"),
                self.tr("Delete the host {name}? This cannot be undone.").format(
                    name=host.name), lambda: self._delete_host(host))

    @async_slot
    async def _delete_host(self, host: HostPublic) -> None:
        try:
            await call_for(self, self._session, self._session.client.delete_host(host.id))
        except ApiError as exc:
            tell(self, self.tr("Delete host"), describe_error(exc))
            return
        self.refresh()

    def add_group(self) -> None:
        self._open(GroupDialog(self._session, None, self.group_names(),
                               self.credentials, self))

    def edit_group(self) -> None:
        group = self.tree.groups.get(self.tree.selected_group())
        if group is not None:
            dialog = GroupDialog(self._session, group, self.group_names(),
                                 self.credentials, self)
            dialog.set_read_only(not self._session.can_write)
            self._open(dialog)

    def delete_group(self) -> None:
        name = self.tree.selected_group()
        if name:
            ask(self, self.tr("Delete group"),
                self.tr("Delete the group {name}? Its hosts stay, without this group.")
                .format(name=name), lambda: self._delete_group(name))

    @async_slot
    async def _delete_group(self, name: str) -> None:
        try:
            await call_for(self, self._session, self._session.client.delete_group(name))
        except ApiError as exc:
            tell(self, self.tr("Delete group"), describe_error(exc))
            return
        self.tree.select_group("")
        self.refresh()

    def test_connection(self) -> None:
        host = self.selected_host()
        group = self.tree.selected_group()
        if host is None and not group:
            return
        dialog = ConnectionTestDialog(self._session, host, group, self)
        self._open(dialog)
        dialog.start()

    def import_inventory(self) -> None:
        dialog = ImportDialog(self._session, self)
        dialog.applied.connect(lambda _plan: self.refresh())
        self._open(dialog)

    def export_clicked(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the inventory"), "inventory.ini",
            self.tr("Ansible INI (*.ini);;Ansible YAML (*.yml *.yaml)"))
        if path:
            self.export_to(path, format_of(path, "yaml" if "YAML" in chosen else "ini"))

    @async_slot
    async def export_to(self, path: str, fmt: str) -> None:
        try:
            await export_inventory(self._session, path, fmt)
            if not alive(self):
                return
        except (ApiError, OSError) as exc:
            reason = describe_error(exc)
            tell(self, self.tr("Export"), self.tr("Could not export: {reason}")
                 .format(reason=reason))
            return
        self.status.setText(self.tr("Exported to {path}").format(path=path))
