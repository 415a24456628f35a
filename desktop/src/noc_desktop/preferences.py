"""What the desktop remembers between starts (never a secret): the last server and user, the
language, the window geometry. Stored with ``QSettings("noc-orchestrator", "desktop")``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "noc-orchestrator"
APPLICATION = "desktop"


class Preferences:
    """Typed access to the desktop's ``QSettings``."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings(ORGANISATION, APPLICATION)

    def _text(self, key: str) -> str:
        value = self._settings.value(key, "")
        return value if isinstance(value, str) else ""

    @property
    def server_url(self) -> str:
        return self._text("login/server_url")

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._settings.setValue("login/server_url", value)

    @property
    def username(self) -> str:
        return self._text("login/username")

    @username.setter
    def username(self, value: str) -> None:
        self._settings.setValue("login/username", value)

    @property
    def language(self) -> str:
        """``""`` (follow the system), ``en`` or ``pt_BR``."""
        return self._text("view/language")

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("view/language", value)

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    def sync(self) -> None:
        self._settings.sync()
