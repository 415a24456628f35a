"""The hosts table keeps what the user sees: only the server's sort keys sort (others leave
the indicator where it was), and logging in again or coming back to the page neither resets
the rows nor loses the selection; Refresh loads again on request."""

from __future__ import annotations

from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from noc_desktop.session import Session
from tests.desktop.inventory.test_dialogs import open_page
from tests.desktop.inventory.test_page import seed, shot


def test_only_server_sort_keys_sort(qtbot: QtBot, session: Session,
                                    admin_api: httpx.Client) -> None:
    seed(admin_api)
    page = open_page(session, qtbot)
    header = page.hosts.table.horizontalHeader()
    header.sectionClicked.emit(2)  # as a click on "Port" does
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == 0 and page.hosts.model.query.sort == "name"
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert page.hosts.model.query.sort == "-address"
    header.setSortIndicator(5, Qt.SortOrder.AscendingOrder)  # "Groups"
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert page.hosts.model.query.sort == "-address"


def test_relogin_and_coming_back_keep_rows_and_selection(
        qtbot: QtBot, session: Session, admin_api: httpx.Client, tmp_path: Path) -> None:
    seed(admin_api)
    page = open_page(session, qtbot)
    hosts = page.hosts
    qtbot.waitUntil(lambda: hosts.model.rowCount() == 50, timeout=5000)
    resets: list[bool] = []
    hosts.model.modelReset.connect(lambda: resets.append(True))
    hosts.table.selectRow(30)
    hosts.table.scrollTo(hosts.model.index(30, 0))
    scrolled = hosts.table.verticalScrollBar().value()
    session.renewed.emit()
    page.hide()
    page.show()
    page.activate()
    qtbot.wait(200)
    assert resets == []
    assert hosts.table.selectionModel().selectedRows()[0].row() == 30
    assert hosts.table.verticalScrollBar().value() == scrolled
    shot(page, qtbot, "inventory_refresh_button", tmp_path)
    hosts.buttons["refresh"].click()  # the user asks: loaded again
    qtbot.waitUntil(lambda: resets == [True], timeout=2000)
