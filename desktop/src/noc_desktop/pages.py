"""The main window's pages, loaded by name (page contract: ``Page(session, parent)`` with
``activate()``; optionally ``can_leave(then) -> bool``, asked before the window closes or the
user logs out: False keeps them, and a page that saves first calls ``then`` once saved; and
``modified_changed(bool)`` with ``is_modified()``: the window title shows a ``*`` meanwhile).
Every page is imported directly: a missing module is a broken build, never hidden."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from noc_desktop.session import Session


@dataclass(frozen=True)
class PageSpec:
    """One navigation entry: its key and where its page class lives (``None``: placeholder)."""

    key: str
    module: str | None
    class_name: str = ""


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("inventory", "noc_desktop.inventory.page", "InventoryPage"),
    PageSpec("procedures", "noc_desktop.procedures.page", "ProceduresPage"),
    PageSpec("schedules", "noc_desktop.runs.schedules_page", "SchedulesPage"),
    PageSpec("executions", "noc_desktop.monitor.executions_page", "ExecutionsPage"),
    PageSpec("nodes", "noc_desktop.nodes.page", "NodesPage"),
)


class PlaceholderPage(QWidget):
    """Stands in for a page whose spec names no module (tests of the window's own
    behaviour)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("This screen is not available in this version yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: palette(mid); font-size: 14px;")
        QVBoxLayout(self).addWidget(label)

    def activate(self) -> None:
        """Nothing to refresh."""


def build_page(spec: PageSpec, session: Session, parent: QWidget | None = None) -> QWidget:
    """The page of ``spec`` (a placeholder for a spec without a module)."""
    if spec.module is None:
        return PlaceholderPage(session, parent)
    module = importlib.import_module(spec.module)
    page_class = getattr(module, spec.class_name)
    page: QWidget = page_class(session, parent)
    return page


#: the same navigation with every page a placeholder (tests of the window's own behaviour)
PLACEHOLDER_SPECS: tuple[PageSpec, ...] = tuple(PageSpec(s.key, None) for s in PAGE_SPECS)
