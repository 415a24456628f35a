"""``TargetPicker``: where a run goes, one host (searched on the server once the user pauses
typing) or a group (with ``all``, every host), and how many enabled hosts that is (the server
counts a group; a host is counted from the page its search fetched)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.client import ApiError
from noc_desktop.inventory.group_index import ALL
from noc_desktop.inventory.paging import name_pattern
from noc_desktop.runs.choices import TargetKind
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.tickets import Tickets

SEARCH_LIMIT = 200


class TargetPicker(QWidget):
    """A host or a group; ``count`` is how many enabled hosts it holds (None while unknown)."""

    #: the target or its count changed
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.count: int | None = None
        self.total: int | None = None  # enabled hosts in the whole inventory
        self.host_radio = QRadioButton(self.tr("Host"))
        self.group_radio = QRadioButton(self.tr("Group"))
        self.group_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.group_radio)
        kinds.addButton(self.host_radio)
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.host = QComboBox()
        self.host.setObjectName("host")
        self.host.setEditable(True)
        self._matches = QStringListModel(self)
        self.completer = completer = QCompleter(self._matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.host.setCompleter(completer)
        self.host.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.host.setPlaceholderText(self.tr("Type to search hosts"))
        self.count_label = QLabel()
        self.count_label.setObjectName("host_count")
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(300)
        self._search.timeout.connect(self._search_hosts)
        self.counting = Tickets()  # the target's count: only the latest edit's applies
        self.host.editTextChanged.connect(self._host_typed)
        self.group.currentIndexChanged.connect(lambda _: self._target_edited())
        self.group_radio.toggled.connect(self._kind_toggled)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.group_radio, self.group, self.host_radio, self.host):
            row.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        self._kind_toggled(True)

    @property
    def kind(self) -> TargetKind:
        return "group" if self.group_radio.isChecked() else "host"

    @property
    def name(self) -> str:
        if self.kind == "group":
            return str(self.group.currentData() or "")
        return self.host.currentText().strip()

    def choose_group(self, name: str) -> None:
        self.group_radio.setChecked(True)
        self.group.setCurrentIndex(max(0, self.group.findData(name)))

    def choose_host(self, name: str) -> None:
        self.host_radio.setChecked(True)
        self.host.setEditText(name)

    @async_slot
    async def load(self) -> None:
        """The groups (``all`` first) and the inventory's enabled host count."""
        client = self.session.client
        try:
            groups = await call_for(self, self.session, client.list_groups())
            total = await call_for(self, self.session, client.list_hosts(enabled=True, limit=1))
        except ApiError as exc:
            self._show_count_error(exc)
            return
        self.total = total.count
        names = [g.name for g in groups.data if g.name != ALL]
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("all (every host)"), ALL)
        for name in sorted(names):
            self.group.addItem(name, name)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)
        self._target_edited()

    def stop(self) -> None:
        """No more searches (the dialog closed)."""
        self._search.stop()

    def _host_typed(self, _: str) -> None:
        self._search.start()
        self._target_edited()

    def _kind_toggled(self, _: bool) -> None:
        self.group.setEnabled(self.kind == "group")
        self.host.setEnabled(self.kind == "host")
        self._target_edited()

    def _target_edited(self) -> None:
        self.count = None
        self.count_label.setText(self.tr("Counting hosts…") if self.name else "")
        ticket = self.counting.take()
        self.changed.emit()
        if not self.name:
            return
        if self.kind == "group":
            self._count_group(ticket, self.name)
        else:
            self._search.start()  # the search, once the user pauses, counts the host

    @async_slot
    async def _count_group(self, ticket: int, name: str) -> None:
        try:
            found = (await call_for(self, self.session, self.session.client.list_hosts(
                group=name, enabled=True, limit=1))).count
        except ApiError as exc:
            if self.counting.is_latest(ticket):
                self._show_count_error(exc)
            return
        if self.counting.is_latest(ticket):
            self._show_count("group", name, found)

    def _show_count(self, kind: TargetKind, name: str, found: int) -> None:
        self.count = found
        if kind == "host" and not found:
            self.count_label.setText(self.tr("No enabled host is named {name}.").format(
                name=name))
        else:
            self.count_label.setText(self.tr("{count} host(s) will run this.").format(
                count=found))
        self.changed.emit()

    async def counts(self) -> tuple[int | None, int | None]:
        """The target's enabled hosts and the inventory's, asked now when not known yet
        (either stays None when the server cannot say)."""
        count, total = self.count, self.total
        if self.kind != "group" or not self.name:
            return count, total
        client = self.session.client
        try:
            if total is None:
                total = (await call_for(self, self.session,
                    client.list_hosts(enabled=True, limit=1))).count
            if count is None:
                count = (await call_for(self, self.session,
                    client.list_hosts(group=self.name, enabled=True, limit=1))).count
        except ApiError:
            pass
        return count, total

    def _show_count_error(self, exc: ApiError) -> None:
        self.count_label.setText(self.tr("Could not count the hosts: {reason}").format(
            reason=describe_error(exc)))

    @async_slot
    async def _search_hosts(self) -> None:
        """The hosts whose name holds what was typed (the completer's list); the host named
        exactly so is counted from that page (asked for by name when the page is cut)."""
        text = self.host.currentText().strip()
        ticket = self.counting.issued
        client = self.session.client
        try:
            page = await call_for(self, self.session, client.list_hosts(
                name=name_pattern(text), limit=SEARCH_LIMIT))
            named = [h for h in page.data if h.name == text]
            if text and not named and page.count > len(page.data):
                exact = await call_for(self, self.session, client.list_hosts(name=text, limit=2))
                named = [h for h in exact.data if h.name == text]
        except ApiError as exc:
            if text and self.kind == "host" and self.counting.is_latest(ticket):
                self._show_count_error(exc)
            return
        if text != self.host.currentText().strip():
            return  # the user typed on meanwhile: a newer search is on its way
        self._matches.setStringList([h.name for h in page.data])
        if self.host.hasFocus() and page.data:
            self.completer.complete()
        if text and self.kind == "host" and self.counting.is_latest(ticket):
            self._show_count("host", text, sum(1 for h in named if h.enabled))
