"""``HostDialog``: add or edit one host. Saving is async (the dialog stays responsive and
shows a busy state); a refusal stays in the dialog, each 422 detail next to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from noc_contracts.api import HostCreate, HostPublic, HostUpdate
from noc_desktop.inventory.check_list import CheckList
from noc_desktop.inventory.entity_form import EntityForm, changed_fields, credential_combo
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for


class HostDialog(EntityForm):
    """A new host when ``host`` is None, else that host's changes (a PATCH of what changed)."""

    def __init__(self, session: Session, host: HostPublic | None, groups: list[str],
                 credentials: list[str], parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._host = host
        self.setWindowTitle(self.tr("Add host") if host is None
                            else self.tr("Edit host {name}").format(name=host.name))
        self.name = QLineEdit(host.name if host else "", self)
        self.address = QLineEdit(host.address if host else "", self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65_535)
        self.port.setValue(host.port if host else 22)
        self.user = QLineEdit((host.user or "") if host else "", self)
        self.user.setPlaceholderText(self.tr("as configured on the node"))
        self.connection = QComboBox(self)
        self.connection.addItems(["ssh", "local"])
        self.connection.setCurrentText(host.connection.value if host else "ssh")
        self.groups = CheckList(groups, host.groups if host else [], parent=self)
        self.credential = credential_combo(self, credentials, host.credential if host else None)
        self.enabled = QCheckBox(self.tr("Run procedures on this host"), self)
        self.enabled.setChecked(host.enabled if host else True)
        self.vars = VarsEditor(self)
        self.vars.set_vars(host.vars if host else {})
        self.add_rows((
            ("name", self.tr("Name"), self.name, None),
            ("address", self.tr("Address"), self.address, None),
            ("port", self.tr("Port"), self.port, None),
            ("user", self.tr("User"), self.user, None),
            ("connection", self.tr("Connection"), self.connection, None),
            ("groups", self.tr("Groups"), self.groups, None),
            ("credential", self.tr("Credential"), self.credential, None),
            ("enabled", self.tr("Enabled"), self.enabled, None),
            ("vars", self.tr("Variables"), self.vars, self.vars.show_errors)))
        self.resize(560, 720)

    def set_read_only(self, read_only: bool) -> None:
        """A viewer sees the values but cannot change or save them."""
        for widget in (self.name, self.address, self.port, self.user, self.connection,
                       self.credential, self.enabled):
            widget.setEnabled(not read_only)
        for editor in (self.groups, self.vars):
            editor.set_read_only(read_only)
        super().set_read_only(read_only)

    def fields(self) -> dict[str, Any]:
        """The form's values as the API's fields."""
        return {"name": self.name.text().strip(), "address": self.address.text().strip(),
                "port": self.port.value(), "user": self.user.text().strip() or None,
                "connection": self.connection.currentText(), "groups": self.groups.checked(),
                "credential": self.credential.currentData(), "enabled": self.enabled.isChecked(),
                "vars": self.vars.vars()}

    def changes(self) -> dict[str, Any]:
        """Only what differs from the host being edited (everything for a new host)."""
        if self._host is None:
            return self.fields()
        return changed_fields(self.fields(), self._host.model_dump(mode="json"),
                              unordered={"groups"})

    async def send(self) -> object:
        client = self._session.client
        if self._host is None:
            return await call_for(self, self._session,
                                  client.create_host(HostCreate.model_validate(self.fields())))
        changes = HostUpdate.model_validate(self.changes())
        return await call_for(self, self._session, client.update_host(self._host.id, changes))
