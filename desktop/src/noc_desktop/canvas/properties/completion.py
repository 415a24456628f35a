"""The names an expression may use, offered as the user types (a completer on the word under
the cursor) and listed in a menu beside the field (grouped by root, facts explained)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu, QToolButton, QWidget

from noc_desktop.canvas.properties.context import ContextName

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*$")


def inside_template(text: str) -> bool:
    """True when ``text`` (what precedes the cursor) ends inside ``{{ }}`` or ``{% %}``."""
    opened = max(text.rfind("{{"), text.rfind("{%"))
    closed = max(text.rfind("}}"), text.rfind("%}"))
    return opened > closed


class NameCompleter(QObject):
    """Completes the dotted name before the cursor of a line edit; in a template field only
    inside ``{{ }}`` or ``{% %}``."""

    #: a name was put into the edit (programmatically: the edit does not say so itself)
    inserted = Signal()

    def __init__(self, edit: QLineEdit, template_only: bool = False) -> None:
        super().__init__(edit)
        self._edit = edit
        self._template_only = template_only
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.activated.connect(self._insert)
        edit.textEdited.connect(self._text_edited)

    def set_names(self, names: Sequence[ContextName]) -> None:
        self._model.setStringList([name.insert_text for name in names])

    def prefix(self) -> str:
        """The partial name before the cursor ("" when not completing there)."""
        before = self._edit.text()[: self._edit.cursorPosition()]
        if self._template_only and not inside_template(before):
            return ""
        match = _WORD.search(before)
        return match.group(0) if match else ""

    def _text_edited(self, _text: str) -> None:
        prefix = self.prefix()
        popup = self.completer.popup()
        assert popup is not None
        if not prefix:
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        self.completer.complete()

    def _insert(self, text: str) -> None:
        prefix = self.prefix()
        cursor = self._edit.cursorPosition()
        current = self._edit.text()
        start = cursor - len(prefix)
        self._edit.setText(current[:start] + text + current[cursor:])
        self._edit.setCursorPosition(start + len(text))
        self.inserted.emit()


class NamesButton(QToolButton):
    """A small button whose menu lists the names, grouped by root; choosing one emits it."""

    #: the user chose a name (its text as it goes into an expression)
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, template: bool = False) -> None:
        super().__init__(parent)
        if template:
            self.setText("{ }")
            self.setToolTip(self.tr("Insert a name from the context as a template: the "
                                    "value is computed when the task runs"))
        else:
            self.setText(self.tr("Names"))
            self.setToolTip(self.tr("Names you can use in this expression"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))

    def set_names(self, names: Sequence[ContextName]) -> None:
        menu = self.menu()
        menu.clear()
        submenus: dict[str, QMenu] = {}
        for name in names:
            parts = name.text.split(".")
            group = ".".join(parts[:2]) if parts[0] in ("steps", "loop") else parts[0]
            target = menu if len(parts) <= 1 or name.text == "vars.*" else submenus.get(group)
            if target is None:
                target = submenus[group] = menu.addMenu(group)
            # a fact's meaning shows on the right, where menus show shortcuts
            action = target.addAction(f"{name.text}\t{name.detail}" if name.detail
                                      else name.text)
            action.setToolTip(name.detail)
            action.setStatusTip(name.detail)
            action.setData(name.insert_text)
            action.triggered.connect(
                lambda _checked=False, text=name.insert_text: self.chosen.emit(text))
        menu.setToolTipsVisible(True)

    def entries(self) -> list[str]:
        """Every name listed, depth first (what tests and screen readers see)."""
        out: list[str] = []
        stack = [self.menu()]
        while stack:
            menu = stack.pop(0)
            for action in menu.actions():
                sub = action.menu()
                if isinstance(sub, QMenu):
                    stack.append(sub)
                elif action.data():
                    out.append(action.text().split("\t")[0])
        return out
