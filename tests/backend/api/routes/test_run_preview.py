"""``POST /api/v1/procedures/{id}/runs/preview``: the backend asks the real scheduler (served on
a loopback port) when a run would fire, before saving it; nothing is stored anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_backend.models import AuditEntry
from noc_scheduler.store.models import Schedule
from tests.backend.conftest import AppFactory
from tests.backend.servers import SchedulerServed, serve_scheduler
from tests.backend.utils import add_user, graph, login


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchedulerServed]:
    """The real scheduler app (its API only) on 127.0.0.1, trusting the backend's token."""
    with serve_scheduler(tmp_path_factory.mktemp("scheduler")) as served:
        yield served


@pytest.fixture
def client(make_client: AppFactory, scheduler: SchedulerServed) -> TestClient:
    return make_client(scheduler_url=scheduler.url)


def _procedure(client: TestClient) -> tuple[dict[str, str], int]:
    headers = login(client)
    answer = client.post("/api/v1/procedures", headers=headers, json={"name": "p",
                                                                     "graph": graph()})
    return headers, int(answer.json()["id"])


def _preview(client: TestClient, headers: dict[str, str], procedure_id: int, count: int = 5,
             **timing: Any) -> Any:
    return client.post(f"/api/v1/procedures/{procedure_id}/runs/preview?count={count}",
                       headers=headers, json={"target": {"hosts": ["web1"]}, **timing})


def test_cron_preview_comes_from_the_scheduler(client: TestClient,
                                               scheduler: SchedulerServed) -> None:
    headers, proc = _procedure(client)
    answer = _preview(client, headers, proc, count=2, cron="30 8 * * 1-5",
                      timezone="Europe/Lisbon", start="2031-06-06T00:00:00Z")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"schedule_id": 0, "fire_times": [  # Fri, then Mon; Lisbon is +1
        "2031-06-06T07:30:00Z", "2031-06-09T07:30:00Z"]}
    rt = scheduler.runtime
    with rt.db.connection_context():
        assert Schedule.select().count() == 0
    services = client.app.state.services  # type: ignore[attr-defined]
    with services.db.connection_context():
        assert not AuditEntry.select().where(AuditEntry.action.contains("schedule")).exists()


def test_now_and_at(client: TestClient) -> None:
    headers, proc = _procedure(client)
    assert len(_preview(client, headers, proc).json()["fire_times"]) == 1
    at = _preview(client, headers, proc, at="2031-01-01T09:00:00+01:00")
    assert at.json()["fire_times"] == ["2031-01-01T08:00:00Z"]


@pytest.mark.parametrize(("timing", "field"), [
    ({"cron": "0 25 * * *"}, "cron"),  # only the scheduler parses cron: its 422 passes through
    ({"cron": "0 9 * * *", "timezone": "Nowhere/Land"}, "timezone"),
    ({"at": "2001-01-01T00:00:00Z"}, "at"),
    ({"cron": "0 9 * * *", "start": "2031-01-02T00:00:00Z", "end": "2031-01-01T00:00:00Z"},
     "end"),
])
def test_bad_timing_is_422_naming_the_field(client: TestClient, timing: dict[str, Any],
                                            field: str) -> None:
    headers, proc = _procedure(client)
    answer = _preview(client, headers, proc, **timing)
    assert answer.status_code == 422, answer.text
    assert field in [d["field"] for d in answer.json()["error"]["details"]]


def test_unknown_procedure_is_404_and_a_viewer_may_preview(client: TestClient) -> None:
    headers, proc = _procedure(client)
    assert _preview(client, headers, proc + 100, cron="0 9 * * *").status_code == 404
    viewer = add_user(client, "watcher", "viewer", "watcher-password-1")
    assert _preview(client, viewer, proc, cron="0 9 * * *").status_code == 200
    assert _preview(client, {}, proc, cron="0 9 * * *").status_code == 401
