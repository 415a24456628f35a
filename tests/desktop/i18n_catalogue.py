"""The pt_BR catalogue read from its ``.ts`` (source -> translation), and every text a screen
shows, for the translation tests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QWidget,
)

TS_FILE = (Path(__file__).resolve().parents[2] / "desktop" / "src" / "noc_desktop" / "i18n"
           / "pt_BR.ts")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def read_ts(path: Path = TS_FILE) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            messages.append(Message(name, message.findtext("source") or "", text,
                                    kind != "unfinished" and bool(text)))
    return messages


def untranslated_patterns(messages: list[Message]) -> list[tuple[str, re.Pattern[str]]]:
    """Each source without a finished translation, as a pattern that also matches it with its
    ``{placeholders}`` filled in."""
    patterns = []
    for m in messages:
        if m.finished:
            continue
        parts = re.split(r"\{[a-z_0-9]*\}", m.source)
        if len(re.findall(r"[A-Za-z]", "".join(parts))) < 4:
            continue  # (almost) only placeholders: cannot be told from data
        patterns.append((m.source, re.compile(".+".join(re.escape(p) for p in parts) + r"\Z",
                                              re.DOTALL)))
    return patterns


def action_texts(actions: list[QAction]) -> list[str]:
    texts = []
    for action in actions:
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text() else ""]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [menu.title(), *action_texts(menu.actions())]
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """Titles, labels, buttons, tabs, group boxes, menus, toolbars, headers, placeholders and
    tooltips of ``root`` and its visible children."""
    texts = [root.windowTitle(), root.toolTip()]
    if isinstance(root, QMainWindow):
        texts += action_texts(root.menuBar().actions())
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisible():
            continue
        texts.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QToolBar):
            texts += action_texts(w.actions())
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            header = w.horizontalHeader() if isinstance(w, QTableView) else w.header()
            texts += [str(w.model().headerData(i, Qt.Orientation.Horizontal) or "")
                      for i in range(header.count())]
    return [t for t in texts if t]
