"""``ImportDialog``: pick an Ansible INI or YAML inventory, preview what a dry run says it
would do, then Apply (the same content, for real) or Cancel. Each preview has a ticket: only
the latest one's answer is shown, and Apply sends exactly the content and format of the plan
on screen (never a file or format chosen after it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from noc_contracts.api import ImportPlanPublic
from noc_desktop.client import ApiError
from noc_desktop.client.api import InventoryFormat
from noc_desktop.inventory.export import format_of
from noc_desktop.inventory.import_plan import plan_sections
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.form_errors import error_label, show_text
from noc_desktop.widgets.slots import async_slot
from noc_desktop.widgets.tickets import Tickets


class ImportDialog(QDialog):
    #: the import was applied (the server's plan, ``applied`` true)
    applied = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.content: str | None = None
        self.plan: ImportPlanPublic | None = None
        #: the (content, format) the plan on screen was made from
        self.planned: tuple[str, InventoryFormat] | None = None
        self.previews = Tickets()  # only the latest preview's answer is shown
        self.setWindowTitle(self.tr("Import an Ansible inventory"))
        self.path = QLabel(self.tr("No file chosen"), self)
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.clicked.connect(self._choose_clicked)
        self.format = QComboBox(self)
        self.format.addItem(self.tr("INI"), "ini")
        self.format.addItem(self.tr("YAML"), "yaml")
        self.format.currentIndexChanged.connect(lambda _i: self.preview())
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("What the import does")])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(self.tr("Apply"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(self.format)
        top.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 480)

    def _choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an inventory"), "",
            self.tr("Ansible inventories (*.ini *.yml *.yaml *.cfg *.txt);;All files (*)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Read ``path`` (format from its extension, still selectable) and preview it."""
        try:
            self.content = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            show_text(self.error, self.tr("Cannot read {path}: {reason}")
                      .format(path=path, reason=str(exc)))
            return
        self.path.setText(path)
        fmt = format_of(path, str(self.format.currentData()))
        self.format.blockSignals(True)
        self.format.setCurrentIndex(self.format.findData(fmt))
        self.format.blockSignals(False)
        self.preview()

    @async_slot
    async def preview(self) -> None:
        """Send a dry run and show its plan; Apply is possible only for a clean plan."""
        if self.content is None:
            return
        ticket, source = self.previews.take(), (self.content, self._format())
        self.plan = self.planned = None
        self.apply_button.setEnabled(False)
        show_text(self.error, "")
        self.status.setText(self.tr("Checking what the import would do…"))
        try:
            plan = await call_for(self, self._session, self._session.client.import_inventory(
                *source, dry_run=True))
        except ApiError as exc:
            if not self.previews.is_latest(ticket):
                return  # a newer preview is on its way
            self.tree.clear()
            self.status.setText("")
            show_text(self.error, describe_error(exc))
            return
        if not self.previews.is_latest(ticket):
            return
        self.planned = source
        self.show_plan(plan)

    def show_plan(self, plan: ImportPlanPublic) -> None:
        self.plan = plan
        self.tree.clear()
        titles = {
            "refused": self.tr("Refused values ({count})"),
            "create_hosts": self.tr("Hosts to create ({count})"),
            "update_hosts": self.tr("Hosts to change ({count})"),
            "create_groups": self.tr("Groups to create ({count})"),
            "update_groups": self.tr("Groups to change ({count})"),
            "unchanged_hosts": self.tr("Hosts unchanged: {count}"),
            "unchanged_groups": self.tr("Groups unchanged: {count}")}
        for section in plan_sections(plan):
            top = QTreeWidgetItem(self.tree, [titles[section.key].format(count=section.count)])
            top.setData(0, 256, section.key)
            for item in section.items:
                child = QTreeWidgetItem(top, [item.text])
                for line in item.details:
                    QTreeWidgetItem(child, [line])
                child.setExpanded(len(section.items) <= 50)
            top.setExpanded(section.key != "create_hosts" or section.count <= 50)
        if plan.refused:
            self.status.setText(self.tr("Fix the refused values in the file: nothing is "
                                        "imported while any is refused."))
        elif not (plan.create_hosts or plan.update_hosts or plan.create_groups
                  or plan.update_groups):
            self.status.setText(self.tr("The inventory already matches this file."))
        else:
            self.status.setText(self.tr("Review the changes, then Apply."))
        self.apply_button.setEnabled(not plan.refused and plan.dry_run)

    @async_slot
    async def apply(self) -> None:
        if self.planned is None or self.plan is None:
            return
        self.apply_button.setEnabled(False)
        self.status.setText(self.tr("Importing…"))
        try:
            plan = await call_for(self, self._session, self._session.client.import_inventory(
                *self.planned, dry_run=False))
        except ApiError as exc:
            show_text(self.error, describe_error(exc))
            self.apply_button.setEnabled(True)
            return
        self.applied.emit(plan)
        self.accept()

    def _format(self) -> InventoryFormat:
        return "yaml" if self.format.currentData() == "yaml" else "ini"
