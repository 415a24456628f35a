"""Host and group dialogs on a real backend: add, edit, delete through the page; the vars
editor's typing; a server 422 shown next to the field it names."""

from __future__ import annotations

from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.group_dialog import GroupDialog
from noc_desktop.inventory.host_dialog import HostDialog
from noc_desktop.inventory.page import InventoryPage
from noc_desktop.inventory.vars_editor import VALUE, VarsEditor
from noc_desktop.session import Session
from tests.desktop.inventory.test_page import shot


def open_page(session: Session, qtbot: QtBot) -> InventoryPage:
    page = InventoryPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.hosts.status.text() != "", timeout=5000)
    return page


def answer_yes(parent: QWidget, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirm") is not None, timeout=2000)
    box = parent.findChild(QMessageBox, "confirm")
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def rows(page: InventoryPage) -> list[str]:
    model = page.hosts.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_vars_editor_types_values(qtbot: QtBot) -> None:
    editor = VarsEditor()
    qtbot.addWidget(editor)
    editor.set_vars({"port": 8080, "flags": [1, "a"], "on": True, "code": "042", "note": "hi"})
    assert editor.vars() == {"port": 8080, "flags": [1, "a"], "on": True, "code": "042",
                             "note": "hi"}
    row = editor.add_row("extra", "3.5")
    assert editor.table.item(row, 2).text() == "number"
    editor.table.item(row, VALUE).setText("not json")
    assert editor.table.item(row, 2).text() == "text"
    editor.add_row("", "ignored")  # a row without a name is left out
    assert editor.vars()["extra"] == "not json" and "" not in editor.vars()
    editor.table.selectRow(row)
    editor.remove_selected()
    assert "extra" not in editor.vars()
    editor.show_errors({"port": "refused"})
    port_row = next(r for r in range(editor.table.rowCount())
                    if editor.table.item(r, 0).text() == "port")
    assert editor.table.item(port_row, 0).toolTip() == "refused"


def test_add_edit_delete_a_host(qtbot: QtBot, session: Session,
                                admin_api: httpx.Client) -> None:
    admin_api.post("/groups", json={"name": "web"}).raise_for_status()
    admin_api.post("/credentials", json={"name": "k1", "kind": "password",
                                         "password": "pw-123456"}).raise_for_status()
    page = open_page(session, qtbot)
    panel = page.hosts
    qtbot.waitUntil(lambda: "web" in panel.tree.groups and panel.credentials == ["k1"],
                    timeout=5000)
    panel.add_host()
    dialog = panel.dialog
    assert isinstance(dialog, HostDialog)
    dialog.name.setText("app1")
    dialog.address.setText("10.9.9.9")
    dialog.port.setValue(2222)
    dialog.user.setText("deploy")
    dialog.groups.set_checked("web")
    dialog.credential.setCurrentIndex(dialog.credential.findData("k1"))
    dialog.vars.add_row("http_port", "8080")
    dialog.vars.add_row("tags", '["a", "b"]')
    dialog.vars.add_row("motd", "hello there")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: rows(page) == ["app1"], timeout=5000)
    host = admin_api.get("/hosts", params={"name": "app1"}).json()["data"][0]
    assert (host["port"], host["user"], host["groups"], host["credential"]) == (
        2222, "deploy", ["web"], "k1")
    assert host["vars"] == {"http_port": 8080, "tags": ["a", "b"], "motd": "hello there"}

    panel.select_row(0)
    panel.edit_host()
    dialog = panel.dialog
    assert isinstance(dialog, HostDialog)
    assert dialog.changes() == {}  # nothing sent that did not change
    dialog.enabled.setChecked(False)
    dialog.address.setText("10.9.9.10")
    assert set(dialog.changes()) == {"enabled", "address"}
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.index(0, 1).data()
                    == "10.9.9.10", timeout=5000)
    assert panel.model.index(0, 7).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    panel.select_row(0)
    panel.delete_host()
    answer_yes(panel, qtbot)
    qtbot.waitUntil(lambda: panel.model.total == 0, timeout=5000)
    assert admin_api.get("/hosts").json()["count"] == 0


def test_a_refused_var_is_shown_on_its_row(qtbot: QtBot, session: Session,
                                           tmp_path: Path) -> None:
    page = open_page(session, qtbot)
    page.hosts.add_host()
    dialog = page.hosts.dialog
    assert isinstance(dialog, HostDialog)
    dialog.name.setText("h1")
    dialog.address.setText("10.0.0.1")
    dialog.vars.add_row("ansible_password", "s3cret-value")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    vars_error = dialog.errors._fields["vars"]
    qtbot.waitUntil(vars_error.isVisible, timeout=5000)
    assert "ansible_password" in vars_error.text()
    assert dialog.vars.table.item(0, 0).toolTip()  # the row itself is marked
    assert dialog.isVisible()  # the dialog stays open to fix it
    shot(dialog, qtbot, "host_dialog_refused", tmp_path)
    dialog.address.setText("-oProxyCommand=x")  # refused before sending, on its field
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(dialog.errors._fields["address"].isVisible, timeout=5000)


def test_add_rename_delete_a_group(qtbot: QtBot, session: Session,
                                   admin_api: httpx.Client) -> None:
    admin_api.post("/hosts", json={"name": "a1", "address": "10.0.0.1", "groups": ["leaf"]}
                   ).raise_for_status()
    page = open_page(session, qtbot)
    panel = page.hosts
    qtbot.waitUntil(lambda: "leaf" in panel.tree.groups, timeout=5000)
    panel.add_group()
    dialog = panel.dialog
    assert isinstance(dialog, GroupDialog)
    dialog.name.setText("parent")
    dialog.child_groups.set_checked("leaf")
    dialog.vars.add_row("site", "rio")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "parent" in panel.tree.groups, timeout=5000)
    item = panel.tree.item_of("parent")
    assert item is not None and item.child(0).text(0) == "leaf" and item.text(2) == "(1)"

    panel.tree.select_group("parent")
    panel.edit_group()
    dialog = panel.dialog
    assert isinstance(dialog, GroupDialog)
    dialog.name.setText("region")
    assert dialog.changes() == {"name": "region"}
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "region" in panel.tree.groups
                    and "parent" not in panel.tree.groups, timeout=5000)
    assert admin_api.get("/groups/region").json()["children"] == ["leaf"]

    panel.tree.select_group("region")
    panel.delete_group()
    answer_yes(panel, qtbot)
    qtbot.waitUntil(lambda: "region" not in panel.tree.groups, timeout=5000)
