"""The unsaved-changes guard: the title shows ``*``; choosing another procedure, New, closing
the main window or logging out asks Save / Discard / Cancel and does what was answered."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureCreate
from noc_desktop.main_window import MainWindow
from noc_desktop.pages import PAGE_SPECS, PageSpec
from noc_desktop.preferences import Preferences
from noc_desktop.procedures.page import ProceduresPage
from noc_desktop.session import Session
from tests.desktop.conftest import Run
from tests.desktop.document.graphs import EXAMPLE, big_graph
from tests.desktop.editor_page.conftest import answer_soon, open_page, open_procedure

Button = QMessageBox.StandardButton


def _two(session: Session, run: Run) -> None:
    run(session.client.create_procedure(ProcedureCreate(
        name="nginx watchdog", graph=ProcedureGraph.model_validate(EXAMPLE))))
    run(session.client.create_procedure(ProcedureCreate(name="disk sweep",
                                                        graph=big_graph(8))))


def _dirty(page: ProceduresPage) -> None:
    page.pane.properties.value_changed.emit("alert", "params.text", "edited")
    assert page.pane.is_modified()


def test_switching_procedure_asks_cancel_keeps_discard_switches(
        qtbot: QtBot, session: Session, run: Run) -> None:
    _two(session, run)
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    modified: list[bool] = []
    page.modified_changed.connect(modified.append)
    _dirty(page)
    assert modified[-1] is True and page.is_modified()
    assert page.pane.header.title.text() == "nginx watchdog (version 1) *"

    asked: list[str] = []
    answer_soon(Button.Cancel, asked)
    page.table.selectRow(next(r for r in range(page.proxy.rowCount())
                              if page.proxy.index(r, 0).data() == "disk sweep"))
    assert asked and "nginx watchdog" in asked[0]
    assert page.pane.procedure is not None and page.pane.procedure.name == "nginx watchdog"
    assert page.pane.is_modified()
    assert page.table.selectionModel().selectedRows()[0].data() == "nginx watchdog"

    answer_soon(Button.Discard, asked)
    page.new_button.click()
    assert len(asked) == 2
    assert page.pane.procedure is None and page.pane.document.is_empty()
    assert not page.is_modified() and modified[-1] is False
    open_procedure(qtbot, page, "disk sweep")  # clean: no question
    assert len(asked) == 2


def test_closing_the_window_asks_and_save_then_closes(qtbot: QtBot, session: Session,
                                                       run: Run) -> None:
    _two(session, run)
    specs = tuple(s if s.key == "procedures" else PageSpec(s.key, None) for s in PAGE_SPECS)
    window = MainWindow(session, Preferences(), page_specs=specs)
    qtbot.addWidget(window)
    window.show()
    window.show_page("procedures")
    page = window.page("procedures")
    assert isinstance(page, ProceduresPage)
    open_procedure(qtbot, page, "nginx watchdog")
    _dirty(page)
    assert window.isWindowModified()

    asked: list[str] = []
    answer_soon(Button.Cancel, asked)
    assert not window.close()
    assert asked and window.isVisible()

    logouts: list[bool] = []
    window.logout_requested.connect(lambda: logouts.append(True))
    answer_soon(Button.Cancel, asked)
    window.logout_action.trigger()
    assert len(asked) == 2 and not logouts

    answer_soon(Button.Save, asked)
    window.close()  # saves first, closes once saved
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert len(asked) == 3
    stored = run(session.client.get_procedure(page.pane.procedure.id))  # type: ignore[union-attr]
    alert = stored.graph.node("alert")
    assert stored.version == 2 and alert is not None and alert.params["text"] == "edited"
    assert not window.isWindowModified()
