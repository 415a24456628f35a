"""``VarsEditor``'s column headers are shown whole where it is used: in the procedure editor's
narrow simulator dock (the described host's vars and the launch vars) and in the inventory's
host dialog, in English and in Brazilian Portuguese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.host_dialog import HostDialog
from noc_desktop.inventory.vars_editor import KEY, KIND, VALUE, VarsEditor
from noc_desktop.language import install_translators, remove_translators
from noc_desktop.session import Session
from tests.desktop.editor_page.conftest import open_page

#: room a header needs beside its text (the style's margins on both sides)
PADDING = 8
HOST_VARS = {"ansible_port": 2222, "nginx_conf": {"worker_processes": 4, "listen": [80, 443]},
             "role": "web", "tls": True}


@pytest.fixture(params=["en", "pt_BR"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translators = install_translators(qapp, request.param) if request.param != "en" else []
    yield request.param
    remove_translators(qapp, translators)


def clipped_headers(editor: VarsEditor) -> list[tuple[str, int, int]]:
    """(text, width, width it needs) of each header too narrow for its text."""
    header = editor.table.horizontalHeader()
    metrics = header.fontMetrics()
    clipped = []
    for column in (KEY, VALUE, KIND):
        text = str(editor.table.model().headerData(column, Qt.Orientation.Horizontal))
        needs = metrics.horizontalAdvance(text) + PADDING
        if header.sectionSize(column) < needs:
            clipped.append((text, header.sectionSize(column), needs))
    return clipped


def assert_fits(editor: VarsEditor) -> None:
    """The headers are whole and the three columns share the table without scrolling (a
    long name is elided rather than push the value out of view)."""
    assert editor.isVisible()
    assert clipped_headers(editor) == []
    header = editor.table.horizontalHeader()
    assert header.length() <= editor.table.viewport().width()
    assert header.sectionSize(VALUE) >= header.sectionSize(KIND)


def test_the_headers_fit_in_the_simulator_dock(language: str, qtbot: QtBot,
                                               session: Session) -> None:
    page = open_page(qtbot, session)
    pane = page.pane
    pane.docks["simulator"].raise_()
    simulator = pane.simulator
    simulator.host_form.describe("web1", {"ansible_port": 2222, "role": "web",
                                          "ansible_python_interpreter": "/usr/bin/python3"})
    simulator.vars.set_vars({"restart": True})
    qtbot.waitUntil(simulator.host_form.vars.isVisible, timeout=3000)
    qtbot.wait(50)
    assert pane.docks["simulator"].width() <= 340, "the dock is as narrow as the app opens it"
    for editor in (simulator.host_form.vars, simulator.vars):
        assert_fits(editor)


def test_the_headers_fit_in_the_host_dialog(language: str, qtbot: QtBot,
                                            session: Session) -> None:
    dialog = HostDialog(session, None, ["web"], [])
    qtbot.addWidget(dialog)
    dialog.vars.set_vars(HOST_VARS)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert_fits(dialog.vars)
    header = dialog.vars.table.horizontalHeader()
    assert header.sectionSize(KEY) >= header.fontMetrics().horizontalAdvance("ansible_port")


def test_the_type_column_names_each_type_in_the_language(language: str,
                                                          qtbot: QtBot) -> None:
    editor = VarsEditor()
    qtbot.addWidget(editor)
    editor.set_vars({"a": True, "b": 8080, "c": None, "d": [1], "e": {"x": 1}, "f": "hi"})
    kinds = [editor.table.item(row, KIND).text() for row in range(editor.table.rowCount())]
    expected = {"en": ["bool", "number", "null", "list", "object", "text"],
                "pt_BR": ["booleano", "número", "nulo", "lista", "objeto", "texto"]}
    assert kinds == expected[language]
    editor.table.item(1, VALUE).setText("not json")  # the type follows an edit
    assert editor.table.item(1, KIND).text() == expected[language][-1]
