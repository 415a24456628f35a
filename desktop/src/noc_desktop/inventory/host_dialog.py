"""``HostDialog``: add or edit one host. Saving is async (the dialog stays responsive and
shows a busy state); a refusal stays in the dialog, each 422 detail next to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import HostCreate, HostPublic, HostUpdate
from noc_desktop.client import ApiError
from noc_desktop.inventory.check_list import CheckList
from noc_desktop.inventory.form_errors import FormErrors, error_label, with_error
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.errors import describe_error, local_invalid
from noc_desktop.widgets.slots import async_slot


class HostDialog(QDialog):
    """A new host when ``host`` is None, else that host's changes (a PATCH of what changed)."""

    #: the server saved the host (its new state)
    saved = Signal(object)

    def __init__(self, session: Session, host: HostPublic | None, groups: list[str],
                 credentials: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
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
        self.credential = QComboBox(self)
        self.credential.addItem(self.tr("(none)"), None)
        for name in credentials:
            self.credential.addItem(name, name)
        if host and host.credential:
            if self.credential.findData(host.credential) < 0:
                self.credential.addItem(host.credential, host.credential)
            self.credential.setCurrentIndex(self.credential.findData(host.credential))
        self.enabled = QCheckBox(self.tr("Run procedures on this host"), self)
        self.enabled.setChecked(host.enabled if host else True)
        self.vars = VarsEditor(self)
        self.vars.set_vars(host.vars if host else {})

        self.general_error = error_label(self)
        self.errors = FormErrors(self.general_error)
        form = QFormLayout()
        for key, label, widget in (
                ("name", self.tr("Name"), self.name),
                ("address", self.tr("Address"), self.address),
                ("port", self.tr("Port"), self.port), ("user", self.tr("User"), self.user),
                ("connection", self.tr("Connection"), self.connection),
                ("groups", self.tr("Groups"), self.groups),
                ("credential", self.tr("Credential"), self.credential),
                ("enabled", self.tr("Enabled"), self.enabled),
                ("vars", self.tr("Variables"), self.vars)):
            row, error = with_error(widget)
            self.errors.add_field(key, error, self.vars.show_errors if key == "vars" else None)
            form.addRow(label, row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(560, 720)

    def set_read_only(self, read_only: bool) -> None:
        """A viewer sees the values but cannot change or save them."""
        for widget in (self.name, self.address, self.port, self.user, self.connection,
                       self.credential, self.enabled):
            widget.setEnabled(not read_only)
        for editor in (self.groups, self.vars):
            editor.set_read_only(read_only)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(not read_only)

    def fields(self) -> dict[str, Any]:
        """The form's values as the API's fields."""
        return {"name": self.name.text().strip(), "address": self.address.text().strip(),
                "port": self.port.value(), "user": self.user.text().strip() or None,
                "connection": self.connection.currentText(), "groups": self.groups.checked(),
                "credential": self.credential.currentData(), "enabled": self.enabled.isChecked(),
                "vars": self.vars.vars()}

    def changes(self) -> dict[str, Any]:
        """Only what differs from the host being edited (everything for a new host)."""
        values = self.fields()
        if self._host is None:
            return values
        before = self._host.model_dump(mode="json")
        return {k: v for k, v in values.items()
                if (sorted(v) if k == "groups" else v) != (sorted(before[k]) if k == "groups"
                                                           else before[k])}

    @async_slot
    async def submit(self) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        self.general_error.setText(self.tr("Saving…"))
        self.general_error.setVisible(True)
        client = self._session.client
        try:
            if self._host is None:
                body = HostCreate.model_validate(self.fields())
                result = await call_for(self, self._session, client.create_host(body))
            else:
                changes = HostUpdate.model_validate(self.changes())
                result = await call_for(self, self._session,
                                        client.update_host(self._host.id, changes))
        except ApiError as exc:
            self.errors.show(exc, self.tr("Not allowed: {reason}").format(
                reason=describe_error(exc)))
            return
        except ValueError as exc:  # pydantic refused the form before sending it
            self.errors.show(local_invalid(exc))
            return
        finally:
            if alive(self):
                self.buttons.setEnabled(True)
        self.general_error.setVisible(False)
        self.saved.emit(result)
        self.accept()

