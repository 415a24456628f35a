"""``HostsModel``: the hosts table over ``GET /hosts``, loading the next page as the view
scrolls (``canFetchMore``/``fetchMore``); sorting and filtering are the server's."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from noc_contracts.api import HostPublic
from noc_desktop.client import ApiError
from noc_desktop.inventory.paging import HostPager, HostQuery, PageRequest
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.looks import Index

logger = logging.getLogger(__name__)

COLUMNS = ("name", "address", "port", "user", "connection", "groups", "credential", "enabled")
#: the columns the server can sort by (``GET /hosts?sort=``)
SORT_KEYS = {0: "name", 1: "address"}


class HostsModel(QAbstractTableModel):
    """One row per loaded host; never a widget per row."""

    #: a page could not be loaded (the sentence to show)
    load_failed = Signal(str)
    #: a page arrived (rows loaded so far, the server's total)
    page_loaded = Signal(int, int)

    def __init__(self, session: Session, page_size: int = 200,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.pager = HostPager(page_size=page_size)
        self._tasks: set[asyncio.Task[None]] = set()
        self._headers = (self.tr("Name"), self.tr("Address"), self.tr("Port"), self.tr("User"),
                         self.tr("Connection"), self.tr("Groups"), self.tr("Credential"),
                         self.tr("Enabled"))

    # ---- queries ---------------------------------------------------------------------------
    @property
    def query(self) -> HostQuery:
        return self.pager.query

    @property
    def total(self) -> int | None:
        return self.pager.total

    @property
    def loading(self) -> bool:
        return self.pager.in_flight is not None

    def set_query(self, query: HostQuery) -> None:
        """Start over with ``query`` (a stale page of the old one is dropped)."""
        self.beginResetModel()
        self.pager.reset(query)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self.pager.query)

    def host_at(self, row: int) -> HostPublic | None:
        return self.pager.host_at(row)

    # ---- Qt overrides ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pager.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        host = self.pager.host_at(index.row()) if index.isValid() else None
        if host is None or not 0 <= index.column() < len(COLUMNS):
            return None
        column = COLUMNS[index.column()]
        if column == "enabled":
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if host.enabled else Qt.CheckState.Unchecked)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _text(host, column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.pager.can_fetch_more()

    def fetchMore(self, parent: Index) -> None:
        request = None if parent.isValid() else self.pager.next_request()
        if request is None:
            return
        task = asyncio.ensure_future(self._load(request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the server in that order; columns it cannot sort by keep the order."""
        key = SORT_KEYS.get(column)
        if key is None:
            return
        sort = key if order == Qt.SortOrder.AscendingOrder else f"-{key}"
        if sort != self.pager.query.sort:
            q = self.pager.query
            self.set_query(HostQuery(name=q.name, group=q.group, var=q.var, sort=sort))

    # ---- loading ---------------------------------------------------------------------------
    async def _load(self, request: PageRequest) -> None:
        q = request.query
        try:
            page = await call_for(self, self._session, self._session.client.list_hosts(
                limit=request.limit, offset=request.offset, name=q.name, group=q.group,
                var=list(q.var) or None, sort=q.sort))
        except ApiError as exc:
            if self.pager.failed(request):
                self.load_failed.emit(describe_error(exc))
            return
        fresh = self.pager.accept(request, page)
        if fresh is None:
            return
        if not fresh:
            self.pager.append(fresh)
        else:
            first = len(self.pager.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.pager.append(fresh)
            self.endInsertRows()
        self.page_loaded.emit(len(self.pager.rows), self.pager.total or 0)


def _text(host: HostPublic, column: str) -> str:
    value = getattr(host, column)
    if column == "groups":
        return ", ".join(value)
    if value is None:
        return ""
    return str(value)
