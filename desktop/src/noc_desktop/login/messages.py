"""What the login dialog says when logging in fails: one sentence per cause, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from noc_desktop.client import (
    ApiError,
    Forbidden,
    HttpError,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    Unauthorized,
)
from noc_desktop.widgets.errors import error_details, error_summary

translate = QCoreApplication.translate

def login_failure_text(exc: ApiError, server_url: str) -> str:
    """The dialog's message for a failed login at ``server_url``."""
    if isinstance(exc, Unauthorized):
        return translate("LoginMessages", "Wrong user name or password.")
    if isinstance(exc, HttpError) and exc.status == 429:
        return translate("LoginMessages",
                         "Too many failed attempts. Wait a few minutes and try again.")
    if isinstance(exc, ServerUnreachable):
        return translate("LoginMessages",
                         "Cannot reach a server at {url}. Check the address and that the "
                         "server is running.").format(url=server_url)
    if isinstance(exc, RequestTimedOut):
        return translate("LoginMessages",
                         "The server at {url} did not answer in time. Try again in a moment."
                         ).format(url=server_url)
    if isinstance(exc, ProtocolError) or (isinstance(exc, HttpError) and exc.status == 404):
        return translate("LoginMessages",
                         "The server at {url} does not answer like a NOC Orchestrator "
                         "server. Check the address.").format(url=server_url)
    if isinstance(exc, Forbidden):
        return translate("LoginMessages", "This account may not log in (it may be disabled).")
    details = "; ".join(error_details(exc))
    summary = error_summary(exc)
    return f"{summary} ({details})" if details else summary
