"""The unsaved-changes question: Save, Discard or Cancel. It is asked where the caller must
know the answer before going on (closing the window, switching procedure), so it waits in a
modal loop; the caller never asks it from inside an async task."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate
Answer = Literal["save", "discard", "cancel"]


def ask_unsaved(parent: QWidget, name: str) -> Answer:
    """Ask what to do with the unsaved changes of procedure ``name``."""
    button = QMessageBox.StandardButton
    shown = name or translate("UnsavedChanges", "New procedure")
    box = QMessageBox(
        QMessageBox.Icon.Warning, translate("UnsavedChanges", "Unsaved changes"),
        translate("UnsavedChanges", "“{name}” has changes that are not saved. Save them?"
                  ).format(name=shown),
        button.Save | button.Discard | button.Cancel, parent)
    box.setObjectName("unsaved_question")
    box.setInformativeText(translate("UnsavedChanges",
                                     "Discard loses them; Cancel goes back to editing."))
    box.setDefaultButton(button.Save)
    box.setEscapeButton(button.Cancel)
    answer = box.exec()
    box.deleteLater()
    if answer == button.Save:
        return "save"
    if answer == button.Discard:
        return "discard"
    return "cancel"
