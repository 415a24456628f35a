"""``ProcedureSaver``: the editor page's calls to the server. Save checks locally, then saves a
new version naming the one it started from (the server validates it: a 422 marks the blocks);
a 409 from a newer version opens the conflict choice. Check asks ``POST /procedures/validate``
after the local check. Also Load (the one way a saved procedure reaches the editor), Delete
and Run…."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from noc_contracts.api import ProcedureCreate, ProcedurePublic
from noc_desktop.client import ApiError, Conflict, Invalid
from noc_desktop.document import DocumentError, problems
from noc_desktop.document.convert import graph_dict
from noc_desktop.procedures.conflict_dialog import RELOAD, SAVE_ANYWAY, ConflictDialog
from noc_desktop.procedures.server_problems import problems_of_details
from noc_desktop.widgets.calls import alive, call_for
from noc_desktop.widgets.confirm import ask
from noc_desktop.widgets.slots import async_slot

if TYPE_CHECKING:
    from noc_desktop.procedures.editor_page import ProcedureEditor


class ProcedureSaver(QObject):
    """Acts on ``pane`` (its document, its ``procedure``); every call is async and says how
    it went in the pane's status line."""

    # a load failed (the procedures list selects the open procedure's row again)
    load_failed = Signal()
    #: a load's answer was handled (shown, or left alone: stale, or edits begun meanwhile)
    load_done = Signal()

    def __init__(self, pane: ProcedureEditor) -> None:
        super().__init__(pane)
        self.pane = pane
        self.session = pane.session
        self.saving = False
        self.conflict: ConflictDialog | None = None
        self._loads = 0  # bumped by each load and by anything shown or saved meanwhile

    def _say(self, text: str) -> None:
        self.pane.header.say(text)

    def update_actions(self) -> None:
        actions, saved = self.pane.page_actions, self.pane.procedure is not None
        if not actions:
            return
        write = self.session.can_write
        actions["save"].setEnabled(write and not self.saving)
        actions["delete_procedure"].setEnabled(write and saved)
        actions["run"].setEnabled(write and saved)

    def new_procedure(self) -> None:
        if self.pane.can_leave():
            self.pane.new_procedure()

    # ---- checking and saving -----------------------------------------------------------------
    @async_slot
    async def check(self) -> None:
        """The local checks, then the server's: every problem shown on its block and field."""
        await self._checked()

    def _checked_locally(self) -> bool:
        """The document's own checks; any problem is marked now and blocks what follows."""
        local = problems(self.pane.document)
        if local:
            self.pane.editor.controller.check_now()  # mark them now, not after the debounce
            self.pane.docks["problems"].raise_()
            self._say(self.tr("{count} problem(s) to fix first: see Problems.").format(
                count=len(local)))
            return False
        return True

    async def _checked(self) -> bool:
        doc = self.pane.document
        if not self._checked_locally():
            return False
        try:
            verdict = await call_for(self, self.session,
                                     self.session.client.validate_procedure(graph_dict(doc)))
        except ApiError as exc:
            self.pane.header.say_failed(
                self.tr("The server could not check the procedure."), exc)
            return False
        if not verdict.valid:
            self.pane.editor.set_problems(problems_of_details(verdict.problems, doc.edges()))
            self.pane.docks["problems"].raise_()
            self._say(self.tr("The server found {count} problem(s): see Problems.").format(
                count=len(verdict.problems)))
            return False
        self._say(self.tr("No problems found."))
        return True

    @async_slot
    async def save(self, force: bool = False, then: Callable[[], object] | None = None) -> None:
        """Save the document as a new version (``force``: on top of whatever is current)."""
        if self.saving:
            return
        self.saving = True
        self.update_actions()
        try:
            saved = await self._save(force)
        finally:
            self.saving = False
            if alive(self):
                self.update_actions()
        if saved and then is not None:
            then()

    async def _save(self, force: bool) -> bool:
        pane, doc = self.pane, self.pane.document
        if not self._checked_locally():  # the server validates what it is asked to save
            return False
        try:
            body = ProcedureCreate(name=doc.name, description=doc.description,
                                   graph=doc.to_graph())
        except (ValidationError, DocumentError) as exc:
            self._say(self.tr("Cannot save: {reason}").format(reason=str(exc).splitlines()[0]))
            return False
        stack, index = pane.editor.undo_stack, pane.editor.undo_stack.index()
        current = pane.procedure
        client = self.session.client
        self._say(self.tr("Saving…"))
        try:
            if current is None:
                saved = await call_for(self, self.session, client.create_procedure(body))
            else:
                saved = await call_for(self, self.session, client.save_procedure(
                    current.id, body, base_version=None if force else current.version))
        except Conflict as exc:
            if current is not None and any(d.field == "base_version" for d in exc.details):
                await self._moved_on(current, body)
            else:
                pane.header.show_name_problem(exc.message)
                self.pane.header.say_failed(self.tr("Not saved."), exc)
            return False
        except Invalid as exc:
            pane.editor.set_problems(problems_of_details(exc.details, doc.edges()))
            self.pane.header.say_failed(self.tr("Not saved."), exc)
            return False
        except ApiError as exc:
            self.pane.header.say_failed(self.tr("Not saved."), exc)
            return False
        self.stored(saved, clean=stack.index() == index)
        self._say(self.tr("Saved as version {version}.").format(version=saved.version))
        return True

    def stored(self, saved: ProcedurePublic, clean: bool = True) -> None:
        """``saved`` is now the version being edited (the document stays as it is)."""
        self.cancel_loads()
        self.pane.procedure = saved
        if clean:
            self.pane.editor.undo_stack.setClean()
        self.pane.refresh_state()
        self.pane.history.load_versions()
        self.pane.saved.emit(saved)

    async def _moved_on(self, current: ProcedurePublic, body: ProcedureCreate) -> None:
        """Someone saved a newer version: fetch it and let the user choose."""
        try:
            versions = await call_for(self, self.session,
                                      self.session.client.procedure_versions(current.id))
        except ApiError as exc:
            self.pane.header.say_failed(self.tr("Someone else saved a newer version."), exc)
            return
        self._say(self.tr("Not saved: someone else saved a newer version."))
        dialog = ConflictDialog(versions.data[0], body.graph, current.version, self.pane)
        dialog.chosen.connect(self._conflict_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.conflict = dialog
        dialog.open()

    def _conflict_chosen(self, choice: str) -> None:
        self.conflict = None
        if choice == RELOAD and self.pane.procedure is not None:
            self.load(self.pane.procedure.id, announce=True)
        elif choice == SAVE_ANYWAY:
            self.save(force=True)

    @async_slot
    async def load(self, procedure_id: int, announce: bool = False,
                   keep_edits: bool = False) -> None:
        """Open the procedure's current version in the editor (unsaved changes dropped); a
        later load, or another procedure shown or saved meanwhile, wins. ``announce``: say
        which version came (after a conflict). ``keep_edits``: a load nobody asked for (a
        newer version seen in the list) that finds the editor modified when it arrives leaves
        the edits alone; saving them meets the conflict as usual."""
        self._loads += 1
        ticket = self._loads
        self._say(self.tr("Loading…"))
        try:
            procedure = await call_for(self, self.session,
                                       self.session.client.get_procedure(procedure_id))
        except ApiError as exc:
            if ticket == self._loads:
                self.pane.header.say_failed(self.tr("The procedure could not be loaded."), exc)
                self.load_failed.emit()
            return
        if keep_edits and self.pane.is_modified():
            self._say("")
        elif ticket == self._loads:
            self.pane.show_procedure(procedure)
            self._say(self.tr("Loaded version {version}.").format(version=procedure.version)
                      if announce else "")
        self.load_done.emit()

    def cancel_loads(self) -> None:
        """Whatever is loading is no longer wanted (another procedure is shown or saved)."""
        self._loads += 1

    # ---- delete and run ----------------------------------------------------------------------
    def delete(self) -> None:
        current = self.pane.procedure
        if current is None:
            return
        ask(self.pane, self.tr("Delete procedure"),
            self.tr("Delete “{name}” and all its {count} version(s)? This cannot be "
                    "undone.").format(name=current.name, count=current.version),
            lambda: self._delete(current))

    @async_slot
    async def _delete(self, current: ProcedurePublic) -> None:
        try:
            await call_for(self, self.session,
                           self.session.client.delete_procedure(current.id))
        except ApiError as exc:
            self.pane.header.say_failed(self.tr("Not deleted."), exc)
            return
        self.pane.new_procedure()
        self.pane.saved.emit(None)
        self._say(self.tr("“{name}” deleted.").format(name=current.name))

    def open_run_dialog(self) -> None:
        """The run dialog for the saved version (what runs is what the server has)."""
        from noc_desktop.runs.run_dialog import RunDialog

        if self.pane.procedure is not None:
            dialog = RunDialog(self.session, self.pane.procedure, self.pane)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
