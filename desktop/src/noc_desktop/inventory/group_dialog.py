"""``GroupDialog``: add or edit a group (name, vars, children, credential); a new name is a
rename (a PATCH), memberships and nesting follow on the server."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from noc_contracts.api import GroupCreate, GroupPublic, GroupUpdate
from noc_desktop.inventory.check_list import CheckList
from noc_desktop.inventory.entity_form import EntityForm, changed_fields, credential_combo
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for


class GroupDialog(EntityForm):
    """A new group when ``group`` is None, else that group's changes."""

    def __init__(self, session: Session, group: GroupPublic | None, groups: list[str],
                 credentials: list[str], parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._group = group
        self.setWindowTitle(self.tr("Add group") if group is None
                            else self.tr("Edit group {name}").format(name=group.name))
        self.name = QLineEdit(group.name if group else "", self)
        others = [g for g in groups if group is None or g != group.name]
        self.child_groups = CheckList(others, group.children if group else [], allow_new=False,
                                      parent=self)
        self.credential = credential_combo(self, credentials, group.credential if group else None)
        self.vars = VarsEditor(self)
        self.vars.set_vars(group.vars if group else {})
        self.add_rows((("name", self.tr("Name"), self.name, None),
                       ("children", self.tr("Child groups"), self.child_groups, None),
                       ("credential", self.tr("Credential"), self.credential, None),
                       ("vars", self.tr("Variables"), self.vars, self.vars.show_errors)))
        self.resize(520, 560)

    def set_read_only(self, read_only: bool) -> None:
        """A viewer sees the values but cannot change or save them."""
        for widget in (self.name, self.credential):
            widget.setEnabled(not read_only)
        for editor in (self.child_groups, self.vars):
            editor.set_read_only(read_only)
        super().set_read_only(read_only)

    def fields(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "children": self.child_groups.checked(),
                "credential": self.credential.currentData(), "vars": self.vars.vars()}

    def changes(self) -> dict[str, Any]:
        """Only what differs from the group being edited (everything for a new group)."""
        if self._group is None:
            return self.fields()
        return changed_fields(self.fields(), self._group.model_dump(mode="json"),
                              unordered={"children"})

    async def send(self) -> object:
        client = self._session.client
        if self._group is None:
            return await call_for(self, self._session,
                                  client.create_group(GroupCreate.model_validate(self.fields())))
        changes = GroupUpdate.model_validate(self.changes())
        return await call_for(self, self._session, client.update_group(self._group.name, changes))
