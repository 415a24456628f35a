"""Task types' titles in the desktop's language: the palette and a task block's properties
heading show the desktop's translated title of each type it knows, and the server's own title
for a type it does not know (a newer server's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from noc_contracts import CATALOGUE, TaskTypeSpec
from noc_desktop.canvas.palette import ENTRY, Palette, catalogue_specs
from noc_desktop.canvas.properties import TaskForm
from noc_desktop.canvas.task_titles import TITLES, task_title
from noc_desktop.language import install_translators, remove_translators

NEWER = TaskTypeSpec(name="snmp_get", kind="monitoring", module="community.general.snmp_facts",
                     title="SNMP get", description="Read an OID", params_schema={}, facts={})


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "pt_BR")
    yield
    remove_translators(qapp, translators)


def titles(palette: Palette) -> dict[str, str]:
    return {item.data(0, ENTRY)[1]: item.text(0) for item in palette.entries(visible_only=False)
            if item.data(0, ENTRY)[0] == "task"}


def heading(form: TaskForm) -> str:
    label = form.findChild(QLabel, "heading")
    assert label is not None
    return label.text()


def test_every_catalogue_type_is_titled_here_with_its_english_title() -> None:
    assert {name: task.title for name, task in CATALOGUE.items()} == TITLES


def test_in_english_the_titles_are_the_server_s(qtbot: QtBot) -> None:
    palette = Palette()
    qtbot.addWidget(palette)
    assert titles(palette) == {name: task.title for name, task in CATALOGUE.items()}


@pytest.mark.usefixtures("portuguese")
def test_in_portuguese_the_palette_and_the_properties_heading_are_translated(
        qtbot: QtBot) -> None:
    palette = Palette()
    qtbot.addWidget(palette)
    shown = titles(palette)
    assert shown["disk_usage"] == "Uso de disco"
    assert shown["service_status"] == "Status do serviço"
    assert not [name for name, title in shown.items()
                if title == CATALOGUE[name].title and name != "ping"], "left in English"
    monitoring = [item.text(0) for item in palette.entries_of(palette.groups()[1])]
    assert monitoring == sorted(monitoring, key=str.casefold), "sorted by the shown title"
    form = TaskForm(next(s for s in catalogue_specs() if s.name == "disk_usage"))
    qtbot.addWidget(form)
    assert heading(form) == "Uso de disco"


@pytest.mark.usefixtures("portuguese")
def test_a_type_the_desktop_does_not_know_keeps_the_server_s_title(qtbot: QtBot) -> None:
    assert task_title("snmp_get", "SNMP get") == "SNMP get"
    assert task_title("snmp_get") == "snmp_get"
    palette = Palette()
    qtbot.addWidget(palette)
    palette.set_task_types([*catalogue_specs(), NEWER])
    assert titles(palette)["snmp_get"] == "SNMP get"
    assert titles(palette)["disk_usage"] == "Uso de disco"
    form = TaskForm(NEWER)
    qtbot.addWidget(form)
    assert heading(form) == "SNMP get"


@pytest.mark.usefixtures("portuguese")
def test_the_palette_is_wide_enough_for_every_portuguese_title(qtbot: QtBot) -> None:
    split = QSplitter()
    qtbot.addWidget(split)
    palette = Palette()
    split.addWidget(palette)
    split.addWidget(QWidget())
    split.setSizes([100, 900])  # squeezed: it keeps the room its entries need
    split.resize(650, 600)
    split.show()
    qtbot.waitExposed(split)
    tree = palette.tree
    icon = tree.iconSize().width()
    clipped = [item.text(0) for item in palette.entries(visible_only=False)
               if tree.visualItemRect(item).width()
               < icon + tree.fontMetrics().horizontalAdvance(item.text(0))]
    assert not clipped
