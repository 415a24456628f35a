"""``RunDialog``: run a procedure now, at a time, or on a cron schedule, on a host or a group,
with launch vars and dry run. The next fire times shown are the SERVER's (previewed as the user
edits); a target holding every host asks first; refusals stay in the dialog, by field."""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from noc_contracts import RunRequest, ScheduleInfo
from noc_contracts.api import ProcedurePublic, ProcedureSummary
from noc_desktop.client import ApiError
from noc_desktop.inventory.vars_editor import VarsEditor
from noc_desktop.runs.choices import RunChoices, covers_every_host, zone_or_utc
from noc_desktop.runs.preview import RunPreview
from noc_desktop.runs.target_picker import TargetPicker
from noc_desktop.runs.timing_form import TimingForm
from noc_desktop.session import Session
from noc_desktop.widgets.calls import call_for
from noc_desktop.widgets.confirm import ask
from noc_desktop.widgets.errors import describe_error, local_invalid
from noc_desktop.widgets.form_errors import FormErrors, error_label, show_text, with_error
from noc_desktop.widgets.slots import async_slot


class RunDialog(QDialog):
    """Launch or schedule ``procedure``; closes once the server accepted it."""

    #: the server accepted the run (its ScheduleInfo; ``execution_id`` set for "now")
    launched = Signal(object)

    def __init__(self, session: Session, procedure: ProcedureSummary | ProcedurePublic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.procedure = procedure
        self.setObjectName("run_dialog")
        self.setWindowTitle(self.tr("Run {name}").format(name=procedure.name))
        self.errors = FormErrors(error_label(self))
        self.target = TargetPicker(session, self)
        self.vars = VarsEditor(self)
        self.check_mode = QCheckBox(self.tr("Dry run (check mode: report, change nothing)"))
        self.timing = TimingForm(self.errors, self)
        self.fire_times = QListWidget(self)
        self.fire_times.setObjectName("fire_times")
        self.fire_times.setMaximumHeight(110)
        self.preview_note = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setObjectName("run")
        self.run_button.setDefault(True)
        self.run_button.setEnabled(session.can_write)
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.submit)
        self.preview = RunPreview(session, procedure.id, self._preview_body, self)
        self.preview.previewed.connect(self._show_fire_times)
        self.preview.failed.connect(self._preview_failed)
        self.confirm_box: QWidget | None = None
        self._build()
        self.target.changed.connect(self._target_changed)
        self.timing.changed.connect(self._timing_changed)
        self.vars.changed.connect(self.errors.clear)
        self.resize(640, 720)
        self.target.load()
        self._timing_changed()

    def _build(self) -> None:
        target_box = QGroupBox(self.tr("Target"), self)
        picker, target_error = with_error(self.target)
        self.errors.add_field("target", target_error)
        QVBoxLayout(target_box).addWidget(picker)
        vars_box = QGroupBox(self.tr("Launch variables"), self)
        editor, vars_error = with_error(self.vars)
        self.errors.add_field("vars", vars_error,
                              inner=lambda by_key: self.vars.show_errors(by_key))
        vars_column = QVBoxLayout(vars_box)
        vars_column.addWidget(editor)
        vars_column.addWidget(self.check_mode)
        when_box = QGroupBox(self.tr("When"), self)
        QVBoxLayout(when_box).addWidget(self.timing)
        preview_box = QGroupBox(self.tr("Next fire times (computed by the server)"), self)
        preview_column = QVBoxLayout(preview_box)
        preview_column.addWidget(self.fire_times)
        preview_column.addWidget(self.preview_note)
        layout = QVBoxLayout(self)
        for widget in (target_box, vars_box, when_box, preview_box):
            layout.addWidget(widget)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def hideEvent(self, event: QHideEvent) -> None:
        self.preview.stop()  # closed: no more questions to the server
        self.target.stop()
        super().hideEvent(event)

    # ---- reading the form ----------------------------------------------------------------
    def choices(self) -> RunChoices:
        choices = RunChoices(target_kind=self.target.kind, target=self.target.name,
                             vars=self.vars.vars(), check_mode=self.check_mode.isChecked())
        self.timing.fill(choices)
        return choices

    def _preview_body(self) -> RunRequest | None:
        try:
            return self.choices().to_request(for_preview=True)
        except (ValidationError, ValueError):
            return None

    # ---- reacting to edits ---------------------------------------------------------------
    def _target_changed(self) -> None:
        show_text(self.errors.general, "")

    def _timing_changed(self) -> None:
        when = self.timing.when
        self.run_button.setText(self.tr("Run now") if when == "now" else self.tr("Schedule"))
        self.preview_note.setText(self.tr("Checking with the server…"))
        self.preview.request()

    def _show_fire_times(self, times: list[datetime]) -> None:
        self.errors.clear()
        zone_name = self.timing.timezone.currentText().strip()
        zone = zone_or_utc(zone_name)
        self.fire_times.clear()
        for time in times:
            self.fire_times.addItem(time.astimezone(zone).strftime("%a %Y-%m-%d %H:%M %Z"))
        if not times:
            self.preview_note.setText(self.tr("It never fires inside its window."))
        elif self.timing.when == "now":
            self.preview_note.setText(self.tr("Starts as soon as you click Run now."))
        else:
            self.preview_note.setText(self.tr("Shown in {zone}.").format(zone=zone_name))

    def _preview_failed(self, exc: ApiError) -> None:
        self.fire_times.clear()
        self.errors.show(exc)
        self.preview_note.setText(
            self.tr("No preview: {reason}").format(reason=describe_error(exc)))

    # ---- launching -----------------------------------------------------------------------
    def submit(self) -> None:
        """Check the form, ask first when every host would run it, then send."""
        self.errors.clear()
        choices = self.choices()
        if choices.run_target() is None:
            self.errors.show_message(self.tr("Choose a host or a group to run it on."))
            return
        try:
            request = choices.to_request()
        except ValidationError as exc:
            self.errors.show(local_invalid(exc))
            return
        count, total = self.target.count, self.target.total
        if choices.target_kind == "group" and (count is None or total is None):
            self._count_then_confirm(choices, request)  # never run on every host unasked
            return
        self._confirm_then_launch(choices, request, count, total)

    @async_slot
    async def _count_then_confirm(self, choices: RunChoices, request: RunRequest) -> None:
        self.run_button.setEnabled(False)
        count, total = await self.target.counts()  # cancelled if the dialog is deleted
        self.run_button.setEnabled(self.session.can_write)
        if self.isVisible():
            self._confirm_then_launch(choices, request, count, total)

    def _confirm_then_launch(self, choices: RunChoices, request: RunRequest,
                             count: int | None, total: int | None) -> None:
        """Ask first when the target holds every host, or when nobody could count it."""
        unknown = choices.target_kind == "group" and (count is None or total is None)
        if not unknown and not covers_every_host(choices.target_kind, choices.target,
                                                 count, total):
            self._launch(request)
            return
        shown = count if count is not None else total
        if shown is None:
            text = self.tr("The server could not count the hosts of {group}: this may run "
                           "{name} on every host of the inventory. Continue?").format(
                group=choices.target, name=self.procedure.name)
        else:
            text = self.tr("This runs {name} on every host of the inventory ({count} hosts). "
                           "Continue?").format(name=self.procedure.name, count=shown)
        self.confirm_box = ask(self, self.tr("Run on every host?"), text,
                               lambda: self._launch(request))

    @async_slot
    async def _launch(self, request: RunRequest) -> None:
        self.run_button.setEnabled(False)
        try:
            info: ScheduleInfo = await call_for(self, self.session,
                self.session.client.start_run(self.procedure.id, request))
        except ApiError as exc:
            self.errors.show(exc)
            self.run_button.setEnabled(self.session.can_write)
            return
        self.launched.emit(info)
        if info.execution_id:
            self.session.execution_started.emit(info.execution_id)
        self.accept()
