"""``HostForm``: the host a simulation walks for, an inventory host (searched on the server as
the user types; the server brings its effective vars) or one described here (name, groups,
vars in the inventory's vars editor), with the problem the request had on it shown under it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.client import ApiError
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.simulator.script import HostChoice
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE
from noc_desktop.widgets.slots import async_slot

SEARCH_LIMIT = 50


class HostForm(QWidget):
    """``changed`` after any edit; ``choice()`` is what the request takes."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.inventory_radio = QRadioButton(self.tr("Inventory host"))
        self.custom_radio = QRadioButton(self.tr("Described here"))
        self.inventory_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.inventory_radio)
        kinds.addButton(self.custom_radio)
        self.host = QComboBox()
        self.host.setObjectName("sim_host")
        self.host.setEditable(True)
        self.host.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.host.setPlaceholderText(self.tr("Type to search hosts"))
        self.name = QLineEdit()
        self.name.setObjectName("sim_host_name")
        self.name.setPlaceholderText(self.tr("web1"))
        self.groups = QLineEdit()
        self.groups.setPlaceholderText(self.tr("web, rio (comma separated)"))
        self.vars = VarsEditor()
        self.vars.setObjectName("sim_host_vars")
        self.problem = QLabel()
        self.problem.setObjectName("host_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_TEXT_STYLE)
        self.problem.hide()
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(300)
        self._search.timeout.connect(self._search_hosts)
        self.host.editTextChanged.connect(self._host_typed)
        for edit in (self.name, self.groups):
            edit.textChanged.connect(lambda _: self._edited())
        self.vars.changed.connect(self._edited)
        self.inventory_radio.toggled.connect(lambda _: self._kind_toggled())
        self._build()
        self._kind_toggled()

    def _build(self) -> None:
        kinds = QHBoxLayout()
        kinds.addWidget(self.inventory_radio)
        kinds.addWidget(self.custom_radio)
        kinds.addStretch(1)
        self.custom = QWidget()
        form = QFormLayout(self.custom)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Groups"), self.groups)
        form.addRow(self.tr("Vars"), self.vars)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(kinds)
        layout.addWidget(self.host)
        layout.addWidget(self.custom)
        layout.addWidget(self.problem)

    def choice(self) -> HostChoice:
        if self.inventory_radio.isChecked():
            return HostChoice(inventory=self.host.currentText())
        groups = [g.strip() for g in self.groups.text().split(",") if g.strip()]
        return HostChoice(name=self.name.text(), groups=groups, vars=self.vars.vars())

    def describe(self, name: str, host_vars: Mapping[str, Any] | None = None) -> None:
        """Switch to a described host (tests, or an editor that knows one)."""
        self.custom_radio.setChecked(True)
        self.name.setText(name)
        self.vars.set_vars(dict(host_vars or {}))

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    @async_slot
    async def load(self) -> None:
        """The first hosts of the inventory, to pick from."""
        await self._fill(None)

    def stop(self) -> None:
        """No more searches (the panel is going away)."""
        self._search.stop()

    def _kind_toggled(self) -> None:
        inventory = self.inventory_radio.isChecked()
        self.host.setVisible(inventory)
        self.custom.setVisible(not inventory)
        self._edited()

    def _host_typed(self, _: str) -> None:
        self._search.start()
        self._edited()

    def _edited(self) -> None:
        self.show_problem("")
        self.changed.emit()

    @async_slot
    async def _search_hosts(self) -> None:
        text = self.host.currentText().strip()
        await self._fill(f"*{text}*" if text else None)

    async def _fill(self, pattern: str | None) -> None:
        try:
            hosts = await call_for(self, self.session, self.session.client.list_hosts(
                name=pattern, limit=SEARCH_LIMIT))
        except ApiError:
            return  # the list only helps typing; a bad name is refused on simulate
        typed = self.host.currentText()
        self.host.blockSignals(True)
        self.host.clear()
        self.host.addItems([h.name for h in hosts.data])
        self.host.setEditText(typed)
        self.host.blockSignals(False)
