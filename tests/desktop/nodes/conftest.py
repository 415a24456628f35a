"""Nodes fixtures: a real backend in front of the real scheduler app (loopback ports), with
nodes registered straight into the scheduler's registry and their heartbeats' figures written
there, so each node is up, late or down as the scheduler itself reckons it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.client import NocClient
from noc_desktop.session import Session
from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Node, utcnow
from tests.backend.servers import serve_app, serve_scheduler
from tests.backend.utils import ADMIN_PASSWORD, make_settings
from tests.desktop.conftest import LiveBackend, Run, logged_in

#: a last heartbeat this long ago is down under any sane stale time
DOWN_AGO_S = 3 * 3600


@dataclass(frozen=True)
class NodesStack:
    backend: LiveBackend
    scheduler: Runtime

    @property
    def late_ago_s(self) -> float:
        """Halfway between the scheduler's late and stale times: a heartbeat this old is
        overdue, and the node still given work."""
        settings = self.scheduler.settings
        return (settings.node_late_s + settings.node_stale_s) / 2

    def register(self, name: str, labels: dict[str, str] | None = None, *,
                 seen_ago_s: float | None = None, draining: bool = False, running: int = 0,
                 queued: int = 0, load: float | None = None,
                 reported_capacity: int | None = None) -> None:
        """Register ``name`` as ``noc-scheduler nodes add`` does; ``seen_ago_s``: its last
        heartbeat that long ago (None: never heard from, so down); ``reported_capacity``: the
        capacity that heartbeat reported (None: none, the registered one holds)."""
        rt = self.scheduler
        with rt.db.connection_context(), rt.db.atomic():
            registry.register(rt.box, name, f"http://127.0.0.1:9/{name}",
                              f"token-of-{name}-0123456789abcdef", labels=labels)
            Node.update(last_seen_at=None if seen_ago_s is None
                        else utcnow() - timedelta(seconds=seen_ago_s),
                        draining=draining, running=running, queue_depth=queued,
                        load=load, reported_capacity=reported_capacity,
                        ).where(Node.name == name).execute()

    def node(self, name: str) -> Node | None:
        """The registry's row of ``name`` now (None: not registered)."""
        with self.scheduler.db.connection_context():
            return Node.get_or_none(Node.name == name)


@pytest.fixture
def nodes_stack(tmp_path: Path) -> Iterator[NodesStack]:
    with serve_scheduler(tmp_path) as scheduler:
        settings = make_settings(f"sqlite:///{tmp_path / 'backend.db'}",
                                 scheduler_url=scheduler.url)
        with serve_app(settings) as url:
            yield NodesStack(LiveBackend(url=url, username="admin", password=ADMIN_PASSWORD),
                             scheduler.runtime)


@pytest.fixture
def admin(nodes_stack: NodesStack, run: Run, qtbot: QtBot) -> Iterator[Session]:
    with logged_in(nodes_stack.backend, run) as session:
        yield session


@pytest.fixture
def as_role(nodes_stack: NodesStack, admin: Session, run: Run
            ) -> Iterator[Callable[[str], Session]]:
    """``as_role("viewer")``: a session of a new user with that role (closed afterwards)."""
    sessions: list[Session] = []

    def make(role: str) -> Session:
        username, password = f"{role}-user", f"{role}-password-123"
        answer = httpx.post(f"{nodes_stack.backend.url}/api/v1/users", timeout=30,
                            headers={"Authorization": f"Bearer {admin.client.token}"},
                            json={"username": username, "role": role, "password": password})
        assert answer.status_code == 201, answer.text
        client = NocClient(nodes_stack.backend.url)
        run(client.login(username, password))
        session = Session(client, run(client.me()))
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        run(session.close())
