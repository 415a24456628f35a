"""Server refusals shown where they belong: a 422's details next to the field they name, a
403 or anything else as one clear sentence above the buttons (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from noc_desktop.client import ApiError, Forbidden, HttpError
from noc_desktop.inventory.error_fields import by_field
from noc_desktop.widgets.errors import describe_error
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE

InnerHandler = Callable[[dict[str | None, str]], None]


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red, wrapping, initially hidden label for one field's (or the form's) error."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_TEXT_STYLE)
    label.setVisible(False)
    label.setObjectName("error")
    return label


def show_text(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class FormErrors:
    """The error labels of one form, keyed by the API's field names."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._fields: dict[str, QLabel] = {}
        self._inner: dict[str, InnerHandler] = {}

    def add_field(self, name: str, label: QLabel, inner: InnerHandler | None = None) -> None:
        """``inner`` also receives the details by inner key (e.g. a var's name)."""
        self._fields[name] = label
        if inner is not None:
            self._inner[name] = inner

    def clear(self) -> None:
        show_text(self.general, "")
        for label in self._fields.values():
            show_text(label, "")
        for handler in self._inner.values():
            handler({})

    def show_message(self, text: str) -> None:
        """A sentence of this side (not the server's) at the top: a file that cannot be read,
        a field left empty, "Saving…"."""
        self.clear()
        show_text(self.general, text)

    def show(self, error: ApiError, forbidden_text: str = "") -> None:
        """Spread ``error`` over the fields; the message and what names no known field go to
        the top."""
        self.clear()
        top = [forbidden_text if isinstance(error, Forbidden) and forbidden_text
               else error.message if isinstance(error, HttpError) else describe_error(error)]
        if isinstance(error, HttpError):
            for name, items in by_field(error.details).items():
                label = self._fields.get(name)
                if label is None:
                    top.extend(f"{name}: {msg}" if name else msg for _, msg in items)
                    continue
                show_text(label, "\n".join(f"{inner}: {msg}" if inner else msg
                                           for inner, msg in items))
                if name in self._inner:
                    self._inner[name]({inner: msg for inner, msg in items})
        if isinstance(error, HttpError) and error.details and len(top) == 1 \
                and not isinstance(error, Forbidden):
            top = [QCoreApplication.translate("FormErrors", "Fix the fields marked in red.")]
        show_text(self.general, "\n".join(top))


def with_error(field: QWidget) -> tuple[QWidget, QLabel]:
    """``field`` with its error label below it, as one form row's widget."""
    box = QWidget(field.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    label = error_label(box)
    layout.addWidget(label)
    return box, label
