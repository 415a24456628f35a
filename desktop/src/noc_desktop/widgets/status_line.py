"""``StatusLine``: where a page reports a failed background load (a refresh when the page is
shown, a live stream that cannot reconnect): one red line that stays until the next success,
instead of a message box popping up each time."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from noc_desktop.client import ClientClosed, Unauthorized
from noc_desktop.widgets.errors import describe_error, error_summary
from noc_desktop.widgets.looks import ERROR_TEXT_STYLE


class StatusLine(QLabel):
    """Hidden while all is well; ``report(exc)`` shows what failed, ``clear()`` hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_line")
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_TEXT_STYLE)
        self.setVisible(False)

    def report(self, exc: BaseException) -> None:
        """Say what failed (nothing for a 401: the password dialog is on its way)."""
        if isinstance(exc, Unauthorized | ClientClosed):
            return
        summary, reason = error_summary(exc), describe_error(exc)
        text = summary if reason == summary else self.tr("{summary} ({reason})").format(
            summary=summary, reason=reason)
        self.setText(text)
        self.setToolTip(reason)
        self.setVisible(True)

    def clear(self) -> None:
        self.setText("")
        self.setVisible(False)
