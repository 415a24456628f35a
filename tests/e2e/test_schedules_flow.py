"""Issue 5 through every layer: an `at` schedule fires on time, a cron schedule previews,
pauses and resumes, and bad timing is refused naming the field."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.e2e.flows import created, local_host, procedure, wait_finished, wait_for

pytestmark = pytest.mark.e2e


def test_at_fires_on_time_and_cron_previews_pauses_resumes(
        api: httpx.Client, tmp_path: Path) -> None:
    local_host(api, "self", "here")
    mark = tmp_path / "fired"
    nodes = [{"id": "w", "type": "task", "task": "copy",
              "params": {"dest": str(mark), "content": "{{ execution.id }}"}},
             {"id": "done", "type": "end", "result": "success"}]
    proc = created(api.post("/procedures", json=procedure("timed", nodes,
                                                          [("w", "done", "success")], "w")))
    at = datetime.now(UTC) + timedelta(seconds=3)
    schedule = created(api.post(f"/procedures/{proc['id']}/runs",
                                json={"target": {"group": "here"}, "at": at.isoformat()}))
    assert schedule["execution_id"] is None and schedule["next_fire_at"]

    def fired() -> str | None:
        rows = api.get("/executions", params={"procedure": proc["id"]}).json()["data"]
        return rows[0]["id"] if rows else None

    execution_id = wait_for(fired, 30, "the `at` schedule to fire")
    detail = wait_finished(api, execution_id)
    started = datetime.fromisoformat(detail["started_at"].replace("Z", "+00:00"))
    assert abs((started - at).total_seconds()) < 1.5, (started, at)
    assert detail["status"] == "success" and mark.read_text() == execution_id

    cron = created(api.post(f"/procedures/{proc['id']}/runs", json={
        "target": {"group": "here"}, "cron": "30 2 * * *", "timezone": "America/New_York"}))
    preview = api.get(f"/schedules/{cron['id']}/preview", params={"count": 3}).json()
    times = [datetime.fromisoformat(t.replace("Z", "+00:00")) for t in preview["fire_times"]]
    assert len(times) == 3
    assert all(b - a >= timedelta(hours=23) for a, b in itertools.pairwise(times))
    assert api.post(f"/schedules/{cron['id']}/pause").status_code == 200
    assert api.get(f"/schedules/{cron['id']}").json()["status"] == "paused"
    assert api.post(f"/schedules/{cron['id']}/resume").status_code == 200
    listed = {s["id"]: s for s in api.get("/schedules").json()["data"]}
    assert listed[cron["id"]]["status"] == "active" and listed[cron["id"]]["next_fire_at"]
    assert api.delete(f"/schedules/{cron['id']}").status_code == 204
    assert api.get(f"/schedules/{cron['id']}").status_code == 404


BAD_TIMINGS = [
    ({"cron": "61 * * * *"}, "cron"),
    ({"cron": "0 * * * *", "timezone": "Mars/Olympus"}, "timezone"),
    ({"at": "2001-01-01T00:00:00+00:00"}, "at"),
    ({"cron": "0 * * * *", "start": "2031-01-02T00:00:00+00:00",
      "end": "2031-01-01T00:00:00+00:00"}, "end"),
]


def test_bad_timing_is_refused_naming_the_field(api: httpx.Client) -> None:
    local_host(api, "self", "here")
    nodes = [{"id": "p", "type": "task", "task": "ping"}, {"id": "e", "type": "end"}]
    proc = created(api.post("/procedures", json=procedure("p", nodes, [("p", "e", "success")],
                                                          "p")))
    for body, field in BAD_TIMINGS:  # one stack for all: each is refused before it is kept
        r = api.post(f"/procedures/{proc['id']}/runs",
                     json={"target": {"hosts": ["self"]}, **body})
        assert r.status_code == 422, (body, r.text)
        assert field in [d.get("field") for d in r.json()["error"]["details"]], r.text
    assert api.get("/schedules").json()["count"] == 0
