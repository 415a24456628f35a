"""The connection test dialog through the whole stack (backend, scheduler and node as real
processes): a ``local`` host answers reachable."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from noc_contracts.api import HostCreate
from noc_desktop.client import NocClient
from noc_desktop.inventory.connection_test_dialog import ConnectionTestDialog
from noc_desktop.session import Session
from noc_devstack import Stack, StackConfig, start_stack
from tests.desktop.conftest import Run
from tests.support.services import free_port

pytestmark = pytest.mark.e2e
PASSWORD = "e2e-admin-pw-123"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    started = start_stack(StackConfig(
        var_dir=tmp_path / "var", backend_port=free_port(), scheduler_port=free_port(),
        node_port=free_port(), admin_password=PASSWORD,
        queue_prefix=f"noc-desk-{uuid.uuid4().hex[:8]}"))
    try:
        yield started
    finally:
        started.stop()


def test_a_local_host_is_reachable(qtbot: QtBot, run: Run, stack: Stack) -> None:
    client = NocClient(stack.backend_url)
    run(client.login("admin", PASSWORD))
    session = Session(client, run(client.me()))
    host = run(client.create_host(HostCreate(
        name="self", address="127.0.0.1", connection="local",
        vars={"ansible_python_interpreter": "/usr/bin/python3"})))
    dialog = ConnectionTestDialog(session, host, "")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.running, timeout=2000)  # busy while the node pings
    qtbot.waitUntil(lambda: dialog.outcome is not None or "could not" in
                    dialog.summary.text(), timeout=90_000)
    assert dialog.outcome is not None, dialog.summary.text()
    assert [r.host for r in dialog.outcome.results] == ["self"]
    assert dialog.table.item(0, 1).text() == "yes"
    assert dialog.summary.text().startswith("1 of 1 reachable")
    run(client.aclose())
