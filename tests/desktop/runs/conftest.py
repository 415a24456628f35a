"""Runs fixtures: a session logged in to a real backend whose scheduler is the real scheduler
app (``stack_session``, tests/desktop/conftest.py), and an inventory to aim at."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from noc_contracts.api import ProcedurePublic
from noc_desktop.session import Session

GRAPH: dict[str, Any] = {
    "schema_version": 1,
    "nodes": [{"id": "ping", "type": "task", "task": "ping", "params": {}},
              {"id": "ok", "type": "end", "result": "success"}],
    "edges": [{"from": "ping", "to": "ok", "on": "success"}],
    "start": "ping"}


@pytest.fixture
def runs_session(stack_session: Session) -> Session:
    """``stack_session`` under the name these tests know it by."""
    return stack_session


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
