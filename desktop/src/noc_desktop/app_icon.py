"""The app's icon: one SVG shipped in the package, used for the windows (taskbar, title bar)
and, by the bundle, for the freedesktop launcher."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

#: the icon file (package data; the bundle keeps it at the same place under its folder)
ICON_FILE = Path(__file__).resolve().parent / "icons" / "noc-desktop.svg"


def app_icon() -> QIcon:
    """The icon, null when the file or Qt's SVG image plugin is missing."""
    return QIcon(str(ICON_FILE))


def icon_problem(icon: QIcon) -> str | None:
    """Why ``icon`` would show nothing (``None`` when it draws)."""
    if not ICON_FILE.is_file():
        return f"{ICON_FILE} is missing"
    if icon.isNull() or icon.pixmap(64, 64).isNull():
        return f"{ICON_FILE.name} does not render (Qt's SVG image plugin missing?)"
    return None
