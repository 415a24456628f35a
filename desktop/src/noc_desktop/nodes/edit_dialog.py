"""``NodeDialog``: an admin changes a node's labels (typed as ``site=rio, zone=dmz``) and its
capacity. Labels that cannot be read are refused here, naming the word at fault, before
anything is sent; the server's refusals go next to the field they name.

The capacity a node is listed with is what it is given now: the registered one, or less when
its heartbeat reports less. The spin box starts from it, and the capacity is sent only when
the admin changes it, so saving new labels never registers the heartbeat's figure."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from noc_contracts import ErrorDetail, NodeInfo, NodeUpdate
from noc_contracts.nodes import MAX_CAPACITY
from noc_desktop.inventory.entity_form import EntityForm, changed_fields
from noc_desktop.nodes.label_text import labels_text, read_labels
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.errors import refused_here


class NodeDialog(EntityForm):
    """The labels and capacity of ``node``; ``saved`` carries the node as the server has it
    now."""

    def __init__(self, session: Session, node: NodeInfo, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("node_dialog")
        self.node = node
        self.setWindowTitle(self.tr("Edit node {name}").format(name=node.name))
        self.labels = QLineEdit(labels_text(node.labels), self)
        self.labels.setPlaceholderText(self.tr("site=rio, zone=dmz"))
        self.labels.setMinimumWidth(320)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(max(1, node.capacity))
        # what the spin box started from: another value is the admin's
        self.capacity_shown = self.capacity.value()
        self.capacity.setToolTip(self.tr("How many tasks it is given at once (its heartbeat "
                                         "may report less)."))
        hint = QLabel(self.tr("Labels are key=value pairs separated by commas; leave it empty "
                              "for none."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        self.add_rows((("labels", self.tr("Labels"), self.labels, None),
                       ("capacity", self.tr("Capacity"), self.capacity, None)))
        self.form.addRow("", hint)

    def fields(self) -> dict[str, Any]:
        """The form as a ``NodeUpdate`` body (the capacity only when the admin changed it);
        ``ValueError`` naming a label word it cannot read."""
        fields: dict[str, Any] = {"labels": read_labels(self.labels.text())}
        if self.capacity.value() != self.capacity_shown:
            fields["capacity"] = self.capacity.value()
        return fields

    async def send(self) -> object:
        try:
            fields = self.fields()
        except ValueError as exc:
            raise refused_here([ErrorDetail(field="labels", message=str(exc))]) from None
        changes = changed_fields(fields, self.node.model_dump(mode="json"))
        if not changes:
            return self.node  # nothing to send
        return await call_for(self, self._session, self._session.client.update_node(
            self.node.name, NodeUpdate.model_validate(changes)))
