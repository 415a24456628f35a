"""``EntityForm``: the scaffolding of the inventory's add/edit dialogs (host, group,
credential): rows with their error labels, Save/Cancel, the read-only state, and one submit
that shows "Saving…", spreads a refusal over the fields and closes on success."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from noc_desktop.client import ApiError
from noc_desktop.session import Session
from noc_desktop.widgets.calls import alive
from noc_desktop.widgets.errors import describe_error, local_invalid
from noc_desktop.widgets.form_errors import (
    FormErrors,
    InnerHandler,
    error_label,
    with_error,
)
from noc_desktop.widgets.slots import async_slot

# one form row: the API's field name, its label, its widget, and who else sees its details
Row = tuple[str, str, QWidget, InnerHandler | None]


def changed_fields(values: Mapping[str, Any], before: Mapping[str, Any], *,
                   unordered: Collection[str] = ()) -> dict[str, Any]:
    """The ``values`` that differ from ``before`` (what a PATCH sends); the lists named in
    ``unordered`` are sets to the server, so their order alone is no change."""
    def same(key: str, value: Any) -> bool:
        old = before.get(key)
        if key in unordered:
            return sorted(value or []) == sorted(old or [])
        return bool(value == old)
    return {key: value for key, value in values.items() if not same(key, value)}


def credential_combo(parent: QWidget, credentials: Iterable[str],
                     current: str | None) -> QComboBox:
    """A choice of ``credentials`` and "(none)"; ``current`` is selected, listed even when it
    is not among them (a credential the user may not see, or one deleted since)."""
    combo = QComboBox(parent)
    combo.addItem(QCoreApplication.translate("EntityForm", "(none)"), None)
    for name in credentials:
        combo.addItem(name, name)
    if current:
        if combo.findData(current) < 0:
            combo.addItem(current, current)
        combo.setCurrentIndex(combo.findData(current))
    return combo


class EntityForm(QDialog):
    """A dialog that saves one inventory entity: subclasses add their rows with ``add_rows``
    and say how to send the form in ``send``; ``submit`` does the rest."""

    # the server saved it (its new state)
    saved = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.general_error = error_label(self)
        self.errors = FormErrors(self.general_error)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def add_rows(self, rows: Iterable[Row]) -> dict[str, QWidget]:
        """Each field with its error label below it; returns each field's row by name."""
        out: dict[str, QWidget] = {}
        for key, label, widget, inner in rows:
            row, error = with_error(widget)
            self.errors.add_field(key, error, inner)
            self.form.addRow(label, row)
            out[key] = row
        return out

    def set_read_only(self, read_only: bool) -> None:
        """A viewer sees the values but cannot save them (subclasses lock their fields)."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(not read_only)

    async def send(self) -> object:
        """Validate the form and send it; the server's answer. Raises ``ValidationError`` for
        a form the contracts refuse, ``ApiError`` for a refusal."""
        raise NotImplementedError

    def forbidden_text(self, exc: ApiError) -> str:
        """What a 403 says at the top of the form."""
        return self.tr("Not allowed: {reason}").format(reason=describe_error(exc))

    def after_save(self) -> None:
        """Called once the server has it, before ``saved`` is emitted."""

    @async_slot
    async def submit(self) -> None:
        self.buttons.setEnabled(False)
        self.errors.show_message(self.tr("Saving…"))
        try:
            result = await self.send()
        except ApiError as exc:
            self.errors.show(exc, self.forbidden_text(exc))
            return
        except ValidationError as exc:  # refused before sending it
            self.errors.show(local_invalid(exc))
            return
        finally:
            if alive(self):
                self.buttons.setEnabled(True)
        self.errors.clear()
        self.after_save()
        self.saved.emit(result)
        self.accept()
