"""``InventoryPage`` on a real backend: hosts, nested group tree with counts, a group filter
from the tree, the filter bar, roles (a viewer reads only); each screen rendered to a PNG
(under ``NOC_SCREENSHOTS`` when set) so it can be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.page import InventoryPage
from noc_desktop.session import Session
from tests.desktop.inventory.conftest import import_ini

NESTED = """
[edge]
{edge}
[web]
{web}
[db]
{db}
[web:children]
edge
[dc:children]
web
db
[dc:vars]
site=rio
"""


def seed(client: httpx.Client) -> None:
    def hosts(prefix: str, count: int) -> str:
        return "\n".join(f"{prefix}{i:02d} ansible_host=10.{len(prefix)}.0.{i} "
                         f"ansible_user=ops" for i in range(count))
    import_ini(client, NESTED.format(edge=hosts("edge", 10), web=hosts("web", 25),
                                     db=hosts("db", 15)))
    client.post("/credentials", json={"name": "lab-key", "kind": "password",
                                      "password": "pw-123456"}).raise_for_status()


def shot(widget: QWidget, qtbot: QtBot, name: str, tmp_path: Path) -> Path:
    qtbot.wait(50)
    folder = Path(os.environ.get("NOC_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def open_page(session: Session, qtbot: QtBot) -> InventoryPage:
    page = InventoryPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.hosts.model.rowCount() > 0 and bool(page.hosts.tree.groups),
                    timeout=5000)
    return page


def test_hosts_and_nested_groups_with_counts(qtbot: QtBot, session: Session,
                                             admin_api: httpx.Client, tmp_path: Path) -> None:
    seed(admin_api)
    page = open_page(session, qtbot)
    hosts = page.hosts
    assert hosts.model.total == 50
    tree = hosts.tree
    top = [tree.root.child(i).text(0) for i in range(tree.root.childCount())]
    assert top == ["dc"]  # an import creates no empty all/ungrouped groups
    dc = tree.item_of("dc")
    assert dc is not None and (dc.text(1), dc.text(2)) == ("0", "(50)")
    web = tree.item_of("web")
    assert web is not None and (web.text(1), web.text(2)) == ("25", "(35)")
    assert web.child(0).text(0) == "edge" and web.child(0).text(2) == "(10)"
    shot(page, qtbot, "inventory_hosts", tmp_path)

    tree.select_group("web")  # the tree filters the table (nested groups included)
    qtbot.waitUntil(lambda: hosts.model.query.group == "web" and hosts.model.total == 35
                    and not hosts.model.loading, timeout=5000)
    assert hosts.filters.group_name() == "web"
    names = {hosts.model.index(r, 0).data() for r in range(hosts.model.rowCount())}
    assert names == {f"web{i:02d}" for i in range(25)} | {f"edge{i:02d}" for i in range(10)}

    hosts.filters.name.setText("edge0")  # debounced: one query once typing settles
    qtbot.waitUntil(lambda: hosts.model.query.name == "*edge0*" and hosts.model.total == 10
                    and not hosts.model.loading, timeout=5000)
    hosts.filters.var.setText("bad")
    hosts.filters.flush()
    assert hosts.filters.error.isVisible() and hosts.model.query.name == "*edge0*"

    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.credentials.table.rowCount() == 1, timeout=5000)
    assert page.credentials.table.item(0, 0).text() == "lab-key"
    shot(page, qtbot, "inventory_credentials", tmp_path)


def test_a_viewer_reads_only(qtbot: QtBot, viewer_session: Session,
                             admin_api: httpx.Client, tmp_path: Path) -> None:
    seed(admin_api)
    page = open_page(viewer_session, qtbot)
    buttons = page.hosts.buttons
    page.hosts.select_row(0)
    for key in ("add_host", "delete_host", "add_group", "delete_group", "import", "test"):
        assert not buttons[key].isEnabled(), key
    assert buttons["edit_host"].isEnabled() and buttons["export"].isEnabled()
    page.hosts.edit_host()
    dialog = page.hosts.dialog
    assert dialog is not None and not dialog.name.isEnabled()  # type: ignore[attr-defined]
    dialog.close()
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.credentials.table.rowCount() == 1, timeout=5000)
    assert not page.credentials.add_button.isEnabled()
    page.credentials.table.selectRow(0)
    assert not page.credentials.delete_button.isEnabled()
    shot(page, qtbot, "inventory_viewer", tmp_path)
