"""``POST /internal/v1/schedules/preview``: the fire times a run request would have if saved
now, from the scheduler's own timing code; a bad field is a 422 naming it; nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_scheduler.app import create_app
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Schedule
from tests.scheduler.conftest import API_TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real scheduler app serving its API (no consumer or loops: nothing to fire)."""
    tmp = tmp_path_factory.mktemp("preview")
    app = create_app(make_settings(tmp, f"sqlite:///{tmp / 's.db'}"), background=False)
    with TestClient(app) as served:
        yield served


def _preview(client: TestClient, count: int = 5, **timing: Any) -> Any:
    body = {"procedure_id": 1, "target": {"hosts": ["web1"]}, **timing}
    return client.post(f"/internal/v1/schedules/preview?count={count}", json=body,
                       headers=AUTH)


def test_cron_in_its_zone_inside_the_window(client: TestClient) -> None:
    answer = _preview(client, cron="0 9 * * *", timezone="America/Sao_Paulo",
                      start="2031-01-01T00:00:00Z", end="2031-01-03T12:00:00Z")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"schedule_id": 0, "fire_times": [
        "2031-01-01T12:00:00Z", "2031-01-02T12:00:00Z", "2031-01-03T12:00:00Z"]}


def test_count_bounds_the_answer(client: TestClient) -> None:
    answer = _preview(client, count=2, cron="*/15 * * * *", start="2031-05-01T10:00:00+02:00")
    assert answer.json()["fire_times"] == ["2031-05-01T08:00:00Z", "2031-05-01T08:15:00Z"]


def test_at_answers_its_one_time_in_utc(client: TestClient) -> None:
    answer = _preview(client, at="2031-03-01T09:30:00-03:00")
    assert answer.json()["fire_times"] == ["2031-03-01T12:30:00Z"]


def test_now_answers_the_one_time_now(client: TestClient) -> None:
    before = datetime.now(UTC)
    answer = _preview(client)
    times = answer.json()["fire_times"]
    assert len(times) == 1
    fired = datetime.fromisoformat(times[0])
    assert before - timedelta(seconds=1) <= fired <= datetime.now(UTC) + timedelta(seconds=1)


@pytest.mark.parametrize(("timing", "field"), [
    ({"cron": "61 * * * *"}, "cron"),
    ({"cron": "0 9 30 2 *"}, "cron"),  # never fires
    ({"cron": "0 9 * * *", "timezone": "Mars/Olympus"}, "timezone"),
    ({"at": "2001-01-01T00:00:00Z"}, "at"),
    ({"cron": "0 9 * * *", "start": "2031-01-02T00:00:00Z", "end": "2031-01-01T00:00:00Z"},
     "end"),
    ({"cron": "0 9 * * *", "start": "2031-01-01T10:00:00Z", "end": "2031-01-01T11:00:00Z"},
     "cron"),  # does not fire inside the window
])
def test_bad_timing_is_422_naming_the_field(client: TestClient, timing: dict[str, Any],
                                            field: str) -> None:
    answer = _preview(client, **timing)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert [d["field"] for d in error["details"]] == [field]


def test_a_preview_stores_nothing_and_needs_the_token(client: TestClient) -> None:
    assert _preview(client, cron="0 9 * * *").status_code == 200
    rt: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.db.connection_context():
        assert Schedule.select().count() == 0
    refused = client.post("/internal/v1/schedules/preview", json={})
    assert refused.status_code == 401


def test_count_out_of_range_is_422(client: TestClient) -> None:
    assert _preview(client, count=0, cron="0 9 * * *").status_code == 422
    assert _preview(client, count=1_001, cron="0 9 * * *").status_code == 422

