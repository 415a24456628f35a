"""What every screen shows alike: the one error red (messages, field errors, status lines),
server times in the user's zone, and the index type Qt's item models take."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

#: the red of every error text
ERROR_RED = "#b00020"
ERROR_TEXT_STYLE = f"color: {ERROR_RED};"

#: what ``rowCount``/``data``/``flags`` overrides receive
Index = QModelIndex | QPersistentModelIndex


def local_time(value: object) -> str:
    """A server (aware) datetime in the user's zone, to the second ('' for anything else)."""
    if not isinstance(value, datetime):
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")
