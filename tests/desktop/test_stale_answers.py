"""Pages that fetch on several triggers apply only the latest request's answer: a slow older
answer (held back by a transport in front of the real backend) never overwrites a newer one."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.inventory.hosts_panel import HostsPanel
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.runs.schedules_page import SchedulesPage
from noc_desktop.session import Session
from tests.backend.utils import ADMIN_PASSWORD
from tests.desktop.conftest import LiveBackend, Run
from tests.desktop.inventory.conftest import api as admin_api
from tests.desktop.monitor.conftest import event, post_events
from tests.desktop.runs.conftest import api, seed
from tests.desktop.slow import DelayingTransport, path_is, slow_session, slow_transport

__all__ = ["slow_session", "slow_transport"]  # fixtures


def test_executions_page_shows_the_latest_filter_answer(
        qtbot: QtBot, slow_session: Session, slow_transport: DelayingTransport,
        live_backend: LiveBackend) -> None:
    post_events(live_backend.url, [
        event(1, "execution_started", "ex-a", data={"hosts": ["h1"], "procedure_id": None}),
        event(2, "execution_finished", "ex-a", status="success"),
        event(3, "execution_started", "ex-b", data={"hosts": ["h1"], "procedure_id": None})])
    page = ExecutionsPage(slow_session)
    qtbot.addWidget(page)
    slow_transport.hold = path_is("GET", "/executions")
    page.status.setCurrentIndex(page.status.findData("success"))  # held back: only ex-a
    qtbot.waitUntil(lambda: len(slow_transport.held) == 1, timeout=3000)
    page.status.setCurrentIndex(0)  # any status: both, answered at once
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: page.fetches.issued == 2 and slow_transport.count >= 2,
                    timeout=3000)
    qtbot.wait(int(slow_transport.delay_s * 1000) + 300)
    assert page.model.rowCount() == 2 and page.fetches.applied == 2


def test_hosts_panel_keeps_the_latest_groups(
        qtbot: QtBot, slow_session: Session, slow_transport: DelayingTransport,
        live_backend: LiveBackend, run: Run) -> None:
    panel = HostsPanel(slow_session)
    qtbot.addWidget(panel)
    slow_transport.hold = path_is("GET", "/groups")
    held = asyncio.ensure_future(panel.reload_groups())  # runs alongside the second
    qtbot.waitUntil(lambda: len(slow_transport.held) == 1, timeout=3000)
    with admin_api(live_backend.url, "admin", ADMIN_PASSWORD) as http:
        http.post("/groups", json={"name": "late"}).raise_for_status()
    run(panel.reload_groups())
    assert "late" in panel.tree.groups
    qtbot.waitUntil(held.done, timeout=5000)
    assert "late" in panel.tree.groups  # the older answer (without it) was dropped


def test_schedules_page_keeps_the_latest_list(qtbot: QtBot, stack_backend: LiveBackend,
                                              run: Run) -> None:
    transport = DelayingTransport(hold=path_is("GET", "/schedules"))
    client = NocClient(stack_backend.url, transport=transport)
    run(client.login("admin", ADMIN_PASSWORD))
    session = Session(client, run(client.me()))
    procedure = seed(session, {"web1": ["web"]})
    page = SchedulesPage(session)
    qtbot.addWidget(page)
    page.refresh()  # held back: sees no schedule
    qtbot.waitUntil(lambda: len(transport.held) == 1, timeout=3000)
    with api(session) as http:
        http.post(f"/procedures/{procedure.id}/runs",
                  json={"target": {"group": "web"}, "cron": "0 3 * * *"}).raise_for_status()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtbot.wait(int(transport.delay_s * 1000) + 300)
    assert page.model.rowCount() == 1 and page.fetches.applied == 2
    run(session.close())
