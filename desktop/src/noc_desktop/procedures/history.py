"""``VersionHistory``: the editor page's version history: the versions listed in the Versions
dock, two compared on two canvases with the diff marked, one opened read-only, one restored
(saved again as the newest, after asking about unsaved work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from noc_contracts.api import ProcedureCreate, ProcedurePublic, ProcedureVersionPublic
from noc_desktop.client import ApiError
from noc_desktop.procedures.version_dialogs import CompareDialog, VersionDialog
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.slots import async_slot

if TYPE_CHECKING:
    from noc_desktop.procedures.editor_page import ProcedureEditor


class VersionHistory(QObject):
    """Acts for ``pane``'s Versions dock; says how it went in the pane's status line."""

    def __init__(self, pane: ProcedureEditor) -> None:
        super().__init__(pane)
        self.pane = pane
        self.session = pane.session
        versions = pane.versions
        versions.compare_requested.connect(self.compare_versions)
        versions.open_requested.connect(self.open_version)
        versions.restore_requested.connect(self.restore)

    # ---- versions ----------------------------------------------------------------------------
    @async_slot
    async def load_versions(self) -> None:
        procedure = self.pane.procedure
        if procedure is None:
            return
        try:
            versions = await call_for(self, self.session,
                                      self.session.client.procedure_versions(procedure.id))
        except ApiError as exc:
            self.pane.header.say_failed(self.tr("The versions could not be loaded."), exc)
            return
        if self.pane.procedure is not None and self.pane.procedure.id == procedure.id:
            self.pane.versions.set_versions(versions.data)

    def compare_versions(self, older: ProcedureVersionPublic,
                         newer: ProcedureVersionPublic) -> None:
        dialog = CompareDialog(older, newer, self.pane)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_version(self, version: ProcedureVersionPublic) -> None:
        current = self.pane.procedure
        may_restore = (self.session.can_write and current is not None
                       and version.version != current.version)
        dialog = VersionDialog(version, may_restore, self.pane)
        dialog.restore_requested.connect(self.restore)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def restore(self, version: ProcedureVersionPublic) -> None:
        """Save ``version`` again as the newest (after asking about unsaved work)."""
        if self.pane.procedure is not None and self.pane.can_leave():
            self._restore(self.pane.procedure, version)

    @async_slot
    async def _restore(self, current: ProcedurePublic, version: ProcedureVersionPublic) -> None:
        body = ProcedureCreate(name=version.name, description=version.description,
                               graph=version.graph)
        try:
            saved = await call_for(self, self.session, self.session.client.save_procedure(
                current.id, body, base_version=current.version))
        except ApiError as exc:
            self.pane.header.say_failed(self.tr("Version {version} was not restored.").format(
                version=version.version), exc)
            return
        self.pane.show_procedure(saved)
        self.pane.saved.emit(saved)
        self.pane.header.say(self.tr("Version {old} restored as version {new}.").format(
            old=version.version, new=saved.version))
