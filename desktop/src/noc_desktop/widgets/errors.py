"""An ``ApiError`` as a person reads it: a translated summary by kind of failure, and the
server's own message and per-field details listed under it (never a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from noc_desktop.client import (
    ApiError,
    Conflict,
    Forbidden,
    HttpError,
    Invalid,
    NotFound,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    Unauthorized,
)

translate = QCoreApplication.translate


def error_summary(exc: BaseException) -> str:
    """One translated sentence saying what went wrong and what to do about it."""
    if isinstance(exc, ServerUnreachable):
        return translate("Errors",
                         "Cannot reach the server. Check its address and that it is running.")
    if isinstance(exc, RequestTimedOut):
        return translate("Errors", "The server did not answer in time. Try again in a moment.")
    if isinstance(exc, ProtocolError):
        return translate("Errors", "The server's answer is not one this app understands.")
    if isinstance(exc, Unauthorized):
        return translate("Errors", "Your session has ended. Log in again.")
    if isinstance(exc, Forbidden):
        return translate("Errors", "Your role does not allow this.")
    if isinstance(exc, NotFound):
        return translate("Errors",
                         "It no longer exists on the server (someone may have deleted it).")
    if isinstance(exc, Conflict):
        return translate("Errors", "This conflicts with what is already on the server.")
    if isinstance(exc, Invalid):
        return translate("Errors", "The server refused some values. Correct them and try again.")
    if isinstance(exc, HttpError) and exc.status == 429:
        return translate("Errors", "Too many attempts. Wait a minute and try again.")
    if isinstance(exc, HttpError) and exc.status >= 500:
        return translate("Errors", "The server failed to handle the request. Try again later.")
    if isinstance(exc, ApiError):
        return translate("Errors", "The server refused the request.")
    return translate("Errors", "Something went wrong.")


def error_details(exc: BaseException) -> list[str]:
    """The server's message and each offending field or node (data: not translated)."""
    if not isinstance(exc, ApiError):
        return [str(exc)] if str(exc) else []
    lines = [exc.message] if exc.message else []
    if isinstance(exc, HttpError):
        for detail in exc.details:
            where = detail.field or detail.node
            lines.append(f"{where}: {detail.message}" if where else detail.message)
    return lines


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """A warning box: the summary, then the details listed. Opened with ``open()``, so it
    returns at once and never nests an event loop inside an async slot."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or translate("Errors", "Error"),
                      error_summary(exc),
                      QMessageBox.StandardButton.Ok, parent)
    details = error_details(exc)
    if details:
        box.setInformativeText("\n".join(f"• {line}" for line in details))
    box.setObjectName("error_box")
    box.setWindowModality(Qt.WindowModality.WindowModal if parent
                          else Qt.WindowModality.ApplicationModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
