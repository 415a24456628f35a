"""An ``ApiError`` as a person reads it: a translated summary by kind of failure, and the
server's own message and per-field details listed under it (never a traceback).
``describe_error`` is the one short reason every page shows inline; ``show_error`` opens a box
(never for a 401, whose password dialog is already on its way, nor for a closed client)."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from noc_contracts import ErrorDetail
from noc_desktop.client import (
    ApiError,
    ClientClosed,
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
    if isinstance(exc, ClientClosed):
        return translate("Errors", "The session is closed.")
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


def describe_error(exc: BaseException) -> str:
    """One short reason for an inline message: translated for failures on this side (server
    unreachable, time-out, an answer not understood, a closed session), the server's own
    message (and the details it names) for a refusal."""
    if isinstance(exc, HttpError):
        return str(exc) or error_summary(exc)
    if isinstance(exc, ApiError):
        return error_summary(exc)
    return str(exc) or error_summary(exc)


def refused_here(details: list[ErrorDetail]) -> Invalid:
    """Values refused on this side before anything is sent, as the server would refuse them
    (a 422 whose ``details`` go next to the fields they name)."""
    return Invalid(422, "invalid", translate("Errors", "Some values are not valid."), details)


def local_invalid(exc: ValidationError) -> Invalid:
    """A form the contracts refuse locally, shown as the server would show a 422 (each
    message next to its field), never as pydantic's dump."""
    return refused_here([ErrorDetail(field=".".join(str(p) for p in e["loc"]) or None,
                                     message=str(e["msg"]).removeprefix("Value error, "))
                         for e in exc.errors()])


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


def show_error(parent: QWidget | None, exc: BaseException,
               title: str | None = None) -> QMessageBox | None:
    """A warning box: the summary, then the details listed. Opened with ``open()``, so it
    returns at once and never nests an event loop inside an async slot. None for a 401 (the
    shell asks for the password again) and for a closed client (the window is going away)."""
    if isinstance(exc, Unauthorized | ClientClosed):
        return None
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
