"""Which language the desktop speaks and the translators that make it so: the ``--language``
flag wins, then the saved choice, then the system locale; English is the source language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: language code -> its name in that language (what the View menu lists)
LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"


def choose_language(flag: str | None, saved: str, system: str) -> str:
    """The language code to use: the flag, the saved setting, or the system's (``pt_BR``,
    ``pt-BR`` and ``pt`` all mean Brazilian Portuguese); anything else is English."""
    for candidate in (flag, saved, system):
        if not candidate:
            continue
        code = candidate.replace("-", "_").split(".")[0]
        if code in LANGUAGES:
            return code
        if code.split("_")[0] == "pt":
            return "pt_BR"
    return "en"


def system_language() -> str:
    return QLocale.system().name()


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's catalogue and Qt's own (standard buttons) for ``language``; returns the
    installed translators (keep them referenced for the app's lifetime)."""
    if language == "en":
        return []
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (language, str(CATALOGUE_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
