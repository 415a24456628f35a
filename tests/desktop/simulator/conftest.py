"""Simulator fixtures: a real backend whose scheduler is the real scheduler app (its API and
sandbox, no firing loop) on loopback ports, and a session logged in to it as admin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.session import Session
from noc_scheduler.app import create_app as create_scheduler
from tests.backend.servers import serve_app
from tests.backend.utils import ADMIN_PASSWORD, SCHEDULER_TOKEN, make_settings
from tests.desktop.conftest import Run
from tests.scheduler.conftest import make_settings as scheduler_settings
from tests.support.server import ServerThread


@pytest.fixture
def sim_session(tmp_path: Path, run: Run, qtbot: QtBot) -> Iterator[Session]:
    sched = create_scheduler(scheduler_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}",
                                                api_token=SCHEDULER_TOKEN), background=False)
    with ServerThread(sched) as scheduler:
        settings = make_settings(f"sqlite:///{tmp_path / 'backend.db'}",
                                 scheduler_url=scheduler.url)
        with serve_app(settings) as url:
            client = NocClient(url)
            run(client.login("admin", ADMIN_PASSWORD))
            session = Session(client, run(client.me()))
            try:
                yield session
            finally:
                run(client.aclose())
