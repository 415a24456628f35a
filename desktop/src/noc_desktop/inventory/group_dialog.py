"""``GroupDialog``: add or edit a group (name, vars, children, credential); a new name is a
rename (a PATCH), memberships and nesting follow on the server."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import GroupCreate, GroupPublic, GroupUpdate
from noc_desktop.client import ApiError
from noc_desktop.inventory.check_list import CheckList
from noc_desktop.inventory.form_errors import FormErrors, error_label, with_error
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.errors import describe_error, local_invalid
from noc_desktop.widgets.slots import async_slot


class GroupDialog(QDialog):
    """A new group when ``group`` is None, else that group's changes."""

    saved = Signal(object)

    def __init__(self, session: Session, group: GroupPublic | None, groups: list[str],
                 credentials: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._group = group
        self.setWindowTitle(self.tr("Add group") if group is None
                            else self.tr("Edit group {name}").format(name=group.name))
        self.name = QLineEdit(group.name if group else "", self)
        others = [g for g in groups if group is None or g != group.name]
        self.child_groups = CheckList(others, group.children if group else [], allow_new=False,
                                  parent=self)
        self.credential = QComboBox(self)
        self.credential.addItem(self.tr("(none)"), None)
        for name in credentials:
            self.credential.addItem(name, name)
        if group and group.credential:
            if self.credential.findData(group.credential) < 0:
                self.credential.addItem(group.credential, group.credential)
            self.credential.setCurrentIndex(self.credential.findData(group.credential))
        self.vars = VarsEditor(self)
        self.vars.set_vars(group.vars if group else {})
        self.general_error = error_label(self)
        self.errors = FormErrors(self.general_error)
        form = QFormLayout()
        for key, label, widget in (("name", self.tr("Name"), self.name),
                                   ("children", self.tr("Child groups"), self.child_groups),
                                   ("credential", self.tr("Credential"), self.credential),
                                   ("vars", self.tr("Variables"), self.vars)):
            row, error = with_error(widget)
            self.errors.add_field(key, error, self.vars.show_errors if key == "vars" else None)
            form.addRow(label, row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(520, 560)

    def set_read_only(self, read_only: bool) -> None:
        """A viewer sees the values but cannot change or save them."""
        for widget in (self.name, self.credential):
            widget.setEnabled(not read_only)
        for editor in (self.child_groups, self.vars):
            editor.set_read_only(read_only)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(not read_only)

    def fields(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "children": self.child_groups.checked(),
                "credential": self.credential.currentData(), "vars": self.vars.vars()}

    def changes(self) -> dict[str, Any]:
        values = self.fields()
        if self._group is None:
            return values
        before = self._group.model_dump(mode="json")
        return {k: v for k, v in values.items()
                if (sorted(v) if k == "children" else v)
                != (sorted(before[k]) if k == "children" else before[k])}

    @async_slot
    async def submit(self) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        client = self._session.client
        try:
            if self._group is None:
                body = GroupCreate.model_validate(self.fields())
                result = await call_for(self, self._session, client.create_group(body))
            else:
                changes = GroupUpdate.model_validate(self.changes())
                result = await call_for(self, self._session, client.update_group(self._group.name,
                                                                      changes))
        except ApiError as exc:
            self.errors.show(exc, self.tr("Not allowed: {reason}").format(
                reason=describe_error(exc)))
            return
        except ValidationError as exc:
            self.errors.show(local_invalid(exc))
            return
        finally:
            if alive(self):
                self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()
