"""``TimingForm``: when a run fires. Now; at one date-time in a time zone; or recurring (cron,
an IANA zone defaulting to the system's, an optional start/end window), with the missed-fire
and overlap policies, each explained in one line. Each field has its own error label."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from noc_desktop.runs.choices import RunChoices, When, zone_names
from noc_desktop.widgets.form_errors import FormErrors, with_error

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


def system_zone() -> str:
    """The system's IANA zone when this machine knows it, else UTC."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    return name if name in zone_names() else "UTC"


class TimingForm(QWidget):
    """The "When" part of the run dialog; ``fill`` copies it into ``RunChoices``."""

    #: a timing field changed (the dialog refreshes the preview)
    changed = Signal()

    def __init__(self, errors: FormErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now_radio = QRadioButton(self.tr("Now"))
        self.at_radio = QRadioButton(self.tr("At"))
        self.cron_radio = QRadioButton(self.tr("Recurring"))
        self.now_radio.setChecked(True)
        modes = QButtonGroup(self)
        modes_row = QHBoxLayout()
        for button in (self.now_radio, self.at_radio, self.cron_radio):
            modes.addButton(button)
            modes_row.addWidget(button)
            button.toggled.connect(self._mode_toggled)
        modes_row.addStretch(1)
        self.at = _date_time(self, QDateTime.currentDateTime().addSecs(3600))
        self.cron = QLineEdit(self)
        self.cron.setObjectName("cron")
        self.cron.setPlaceholderText(self.tr("minute hour day-of-month month day-of-week"))
        self.cron.setText("0 3 * * *")
        self.cron.setToolTip(self.tr("Five fields, e.g. 0 3 * * 1-5 for 03:00 on weekdays"))
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("timezone")
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(zone_names())
        zones = QCompleter(list(zone_names()), self)
        zones.setFilterMode(Qt.MatchFlag.MatchContains)
        zones.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zones.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.timezone.setCompleter(zones)
        self.timezone.setCurrentText(system_zone())
        now = QDateTime.currentDateTime()
        self.use_start, self.start = QCheckBox(self.tr("From")), _date_time(self, now)
        self.use_end, self.end = QCheckBox(self.tr("Until")), _date_time(self, now.addDays(30))
        self.missed = _policy_combo(self, [
            ("skip", self.tr("Skip"), self.tr("Fires missed while down or paused are dropped.")),
            ("run_once", self.tr("Run once"), self.tr("Missed fires run once, when back.")),
            ("catch_up", self.tr("Catch up"),
             self.tr("Every missed fire runs, up to the limit below."))])
        self.overlap = _policy_combo(self, [
            ("skip", self.tr("Skip"), self.tr("A fire is skipped while the last run goes on.")),
            ("queue", self.tr("Queue"), self.tr("A fire waits for the last run to end.")),
            ("allow", self.tr("Allow"), self.tr("Runs may overlap."))])
        self.missed_note, self.overlap_note = _note(self), _note(self)
        self.catch_up_max = QSpinBox(self)
        self.catch_up_max.setRange(1, 100)
        self.catch_up_max.setValue(10)
        self.catch_up_max.setMaximumWidth(90)
        self._build(modes_row, errors)
        for signal in (self.at.dateTimeChanged, self.start.dateTimeChanged,
                       self.end.dateTimeChanged, self.cron.textChanged,
                       self.timezone.currentTextChanged, self.use_start.toggled,
                       self.use_end.toggled, self.missed.currentIndexChanged,
                       self.overlap.currentIndexChanged, self.catch_up_max.valueChanged):
            signal.connect(self._edited)
        self._mode_toggled(True)

    def _build(self, modes_row: QHBoxLayout, errors: FormErrors) -> None:
        form = self.form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Runs"), modes_row)
        self._rows: dict[str, QWidget] = {}
        for key, label, field in (("at", self.tr("Date and time"), self.at),
                                  ("cron", self.tr("Cron"), self.cron),
                                  ("timezone", self.tr("Time zone"), self.timezone)):
            box, error = with_error(field)
            errors.add_field(key, error)
            form.addRow(label, box)
            self._rows[key] = box
        for key, check, edit in (("start", self.use_start, self.start),
                                 ("end", self.use_end, self.end)):
            box, error = with_error(edit)
            errors.add_field(key, error)
            form.addRow(check, box)
            self._rows[key] = box
        for key, label, combo, note in (
                ("missed_policy", self.tr("Missed fires"), self.missed, self.missed_note),
                ("overlap_policy", self.tr("Overlapping runs"), self.overlap, self.overlap_note)):
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(combo)
            line.addWidget(note, 1)
            form.addRow(label, row)
            self._rows[key] = row
        box, error = with_error(self.catch_up_max)
        errors.add_field("catch_up_max", error)
        form.addRow(self.tr("Catch up at most"), box)
        self._rows["catch_up_max"] = box

    @property
    def when(self) -> When:
        if self.at_radio.isChecked():
            return "at"
        return "cron" if self.cron_radio.isChecked() else "now"

    def set_when(self, when: When) -> None:
        {"now": self.now_radio, "at": self.at_radio, "cron": self.cron_radio}[when].setChecked(
            True)

    def fill(self, choices: RunChoices) -> None:
        choices.when = self.when
        choices.at = _wall(self.at)
        choices.cron = self.cron.text()
        choices.timezone = self.timezone.currentText().strip()
        choices.start = _wall(self.start) if self.use_start.isChecked() else None
        choices.end = _wall(self.end) if self.use_end.isChecked() else None
        choices.missed_policy = self.missed.currentData()
        choices.overlap_policy = self.overlap.currentData()
        choices.catch_up_max = self.catch_up_max.value()

    def _mode_toggled(self, _: bool) -> None:
        when = self.when
        visible = {"at": when == "at", "cron": when == "cron", "timezone": when != "now",
                   "start": when == "cron", "end": when == "cron",
                   "missed_policy": when != "now", "overlap_policy": when != "now",
                   "catch_up_max": when != "now"}
        for key, shown in visible.items():
            self.form.setRowVisible(self._rows[key], shown)
        self._edited()

    def _edited(self) -> None:
        self.start.setEnabled(self.use_start.isChecked())
        self.end.setEnabled(self.use_end.isChecked())
        self.catch_up_max.setEnabled(self.missed.currentData() == "catch_up")
        self.missed_note.setText(self.missed.currentData(NOTE_ROLE) or "")
        self.overlap_note.setText(self.overlap.currentData(NOTE_ROLE) or "")
        self.changed.emit()


def _date_time(parent: QWidget, value: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit(value, parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setMaximumWidth(220)
    return edit


def _wall(edit: QDateTimeEdit) -> datetime:
    """The edit's wall-clock time (naive; the form's time zone gives it meaning)."""
    d, t = edit.date(), edit.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _policy_combo(parent: QWidget, items: list[tuple[str, str, str]]) -> QComboBox:
    combo = QComboBox(parent)
    for value, label, note in items:
        combo.addItem(label, value)
        combo.setItemData(combo.count() - 1, note, NOTE_ROLE)
    return combo


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(mid);")
    return label
