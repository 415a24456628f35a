"""Runs fixtures: a real backend whose scheduler is the real scheduler app (its API only, no
firing loop) on loopback ports, a session logged in to it, and an inventory to aim at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from noc_contracts.api import ProcedurePublic
from noc_desktop.client import NocClient
from noc_desktop.session import Session
from noc_scheduler.app import create_app as create_scheduler
from tests.backend.servers import serve_app
from tests.backend.utils import ADMIN_PASSWORD, SCHEDULER_TOKEN, make_settings
from tests.desktop.conftest import Run
from tests.scheduler.conftest import make_settings as scheduler_settings
from tests.support.server import ServerThread

GRAPH: dict[str, Any] = {
    "schema_version": 1,
    "nodes": [{"id": "ping", "type": "task", "task": "ping", "params": {}},
              {"id": "ok", "type": "end", "result": "success"}],
    "edges": [{"from": "ping", "to": "ok", "on": "success"}],
    "start": "ping"}


@pytest.fixture
def runs_backend(tmp_path: Path) -> Iterator[str]:
    """A backend (temp SQLite) in front of the real scheduler API (no firing loop)."""
    sched = create_scheduler(scheduler_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}",
                                                api_token=SCHEDULER_TOKEN), background=False)
    with ServerThread(sched) as scheduler:
        settings = make_settings(f"sqlite:///{tmp_path / 'backend.db'}",
                                 scheduler_url=scheduler.url)
        with serve_app(settings) as url:
            yield url


@pytest.fixture
def runs_session(runs_backend: str, run: Run, qtbot: QtBot) -> Iterator[Session]:
    client = NocClient(runs_backend)
    run(client.login("admin", ADMIN_PASSWORD))
    session = Session(client, run(client.me()))
    try:
        yield session
    finally:
        run(client.aclose())


def api(session: Session) -> httpx.Client:
    """A plain HTTP client of the same backend as the same user (for the test's setup)."""
    return httpx.Client(base_url=f"{session.client.server_url}/api/v1", timeout=30,
                        headers={"Authorization": f"Bearer {session.client.token}"})


def seed(session: Session, hosts: dict[str, list[str]]) -> ProcedurePublic:
    """Hosts (name -> groups) and one procedure; the procedure as the server returns it."""
    with api(session) as http:
        for name, groups in hosts.items():
            answer = http.post("/hosts", json={"name": name, "address": "127.0.0.1",
                                               "connection": "local", "groups": groups})
            assert answer.status_code == 201, answer.text
        answer = http.post("/procedures", json={"name": "nightly check", "graph": GRAPH})
        assert answer.status_code == 201, answer.text
        return ProcedurePublic.model_validate(answer.json())
