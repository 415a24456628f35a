"""``HostsModel`` against a real backend: 10,000 hosts load page by page as a view scrolls,
in order and without duplicates; sorting and filters re-query the server."""

from __future__ import annotations

import httpx
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.hosts_model import HostsModel
from noc_desktop.inventory.paging import HostQuery
from noc_desktop.session import Session
from tests.desktop.inventory.conftest import import_ini, inventory_ini


def test_ten_thousand_hosts_scroll_to_the_end(qtbot: QtBot, session: Session,
                                              admin_api: httpx.Client,
                                              qtmodeltester: ModelTester) -> None:
    import_ini(admin_api, inventory_ini(10_000))
    model = HostsModel(session, page_size=500)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    assert model.total == 10_000
    qtbot.wait(100)
    assert model.rowCount() == 500  # one page, not everything: the view asks as it scrolls
    pages = 1
    while model.rowCount() < 10_000:
        before = model.rowCount()
        view.scrollToBottom()  # as the user drags to the end of what is loaded
        qtbot.waitUntil(lambda before=before: model.rowCount() > before, timeout=10_000)
        pages += 1
    assert pages == 20 and not model.canFetchMore(QModelIndex())
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == [f"h{i:05d}" for i in range(10_000)]
    assert model.index(9_999, 1).data() == "10.0.39.15"
    qtmodeltester.check(model)  # the whole loaded model, then watched through a re-query
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.rowCount() == 500, timeout=10_000)
    assert model.index(0, 0).data() == "h09999"


def test_columns_show_every_field(qtbot: QtBot, session: Session,
                                  admin_api: httpx.Client) -> None:
    admin_api.post("/credentials", json={"name": "key1", "kind": "password",
                                         "password": "pw-123456"}).raise_for_status()
    admin_api.post("/hosts", json={"name": "web1", "address": "10.1.1.1", "port": 2222,
                                   "user": "ops", "groups": ["web", "rio"],
                                   "credential": "key1", "enabled": False}).raise_for_status()
    model = HostsModel(session)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["web1", "10.1.1.1", "2222", "ops", "ssh", "rio, web", "key1", None]
    assert model.index(0, 7).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Address"


def test_sorting_and_filters_are_the_servers(qtbot: QtBot, session: Session,
                                             admin_api: httpx.Client,
                                             qtmodeltester: ModelTester) -> None:
    import_ini(admin_api, inventory_ini(30, groups=3))
    for name, tier in (("h00", "front"), ("h07", "front"), ("h11", "back")):
        host = admin_api.get("/hosts", params={"name": name}).json()["data"][0]
        admin_api.patch(f"/hosts/{host['id']}", json={"vars": {"tier": tier}}).raise_for_status()
    model = HostsModel(session, page_size=7)
    qtmodeltester.check(model)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() >= 7, timeout=5000)

    def names() -> list[str]:
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "-name"
    qtbot.waitUntil(lambda: model.rowCount() >= 7, timeout=5000)
    assert names()[:3] == ["h29", "h28", "h27"]

    model.sort(1, Qt.SortOrder.AscendingOrder)  # by address: 10.0.0.0, .1, .10 ... as text
    qtbot.waitUntil(lambda: model.rowCount() >= 7, timeout=5000)
    assert model.query.sort == "address"
    assert names()[:3] == ["h00", "h01", "h10"]

    model.sort(4)  # connection: the server cannot sort by it, nothing changes
    assert model.query.sort == "address"

    def load_all() -> None:
        while model.canFetchMore(QModelIndex()) or model.loading:
            model.fetchMore(QModelIndex())
            qtbot.waitUntil(lambda: not model.loading, timeout=5000)

    model.set_query(HostQuery(group="g1"))
    load_all()
    assert names() == ["h01", "h04", "h07", "h10", "h13", "h16", "h19", "h22", "h25", "h28"]

    model.set_query(HostQuery(name="h1*"))
    load_all()
    assert names() == [f"h1{i}" for i in range(10)]

    model.set_query(HostQuery(var=("tier=front",)))
    load_all()
    assert names() == ["h00", "h07"]


def test_a_stale_page_is_dropped_after_a_filter_change(qtbot: QtBot, session: Session,
                                                       admin_api: httpx.Client) -> None:
    import_ini(admin_api, inventory_ini(20, groups=2))
    model = HostsModel(session)
    model.refresh()  # page in flight for every host ...
    model.set_query(HostQuery(group="g0"))  # ... replaced before it lands
    qtbot.waitUntil(lambda: model.total == 10, timeout=5000)
    qtbot.wait(200)
    assert model.rowCount() == 10
    assert all(model.host_at(r).groups == ["g0"] for r in range(10))  # type: ignore[union-attr]


def test_a_refused_filter_is_reported(qtbot: QtBot, session: Session) -> None:
    model = HostsModel(session)
    with qtbot.waitSignal(model.load_failed, timeout=5000) as blocker:
        model.set_query(HostQuery(group="bad group!"))
    assert blocker.args[0]  # the server's sentence
    assert model.rowCount() == 0 and not model.loading
