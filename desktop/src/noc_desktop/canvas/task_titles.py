"""Task types' titles in the desktop's language. The server's catalogue (``GET /task-types``)
gives English titles; the types the desktop knows are titled here, translatable (context
``TaskTypes``), and a type it does not know (a newer server's) keeps the server's title."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# task type name -> English title (the contracts' catalogue's), marked for translation
_MARKED: dict[str, object] = {
    "ping": QT_TRANSLATE_NOOP("TaskTypes", "Ping"),
    "service_status": QT_TRANSLATE_NOOP("TaskTypes", "Service status"),
    "port_open": QT_TRANSLATE_NOOP("TaskTypes", "TCP port open"),
    "http_check": QT_TRANSLATE_NOOP("TaskTypes", "HTTP check"),
    "disk_usage": QT_TRANSLATE_NOOP("TaskTypes", "Disk usage"),
    "process_running": QT_TRANSLATE_NOOP("TaskTypes", "Process running"),
    "command_check": QT_TRANSLATE_NOOP("TaskTypes", "Command check"),
    "command": QT_TRANSLATE_NOOP("TaskTypes", "Command"),
    "file": QT_TRANSLATE_NOOP("TaskTypes", "File or directory"),
    "copy": QT_TRANSLATE_NOOP("TaskTypes", "File content"),
    "service": QT_TRANSLATE_NOOP("TaskTypes", "Service"),
    "user": QT_TRANSLATE_NOOP("TaskTypes", "User account"),
    "package": QT_TRANSLATE_NOOP("TaskTypes", "Package"),
    "reboot": QT_TRANSLATE_NOOP("TaskTypes", "Reboot and wait"),
    "email": QT_TRANSLATE_NOOP("TaskTypes", "Email"),
    "telegram": QT_TRANSLATE_NOOP("TaskTypes", "Telegram message"),
}
#: the same as text (PySide6 types QT_TRANSLATE_NOOP as returning ``object``)
TITLES: dict[str, str] = {name: str(title) for name, title in _MARKED.items()}


def task_title(name: str, server_title: str = "") -> str:
    """The title of task type ``name`` in the current language; for a type not known here,
    ``server_title`` (the server's, untranslated), else the name itself."""
    source = TITLES.get(name)
    if source is None:
        return server_title or name
    return QCoreApplication.translate("TaskTypes", source)
