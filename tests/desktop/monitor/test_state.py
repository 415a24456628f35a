"""The execution state folded from events, without Qt: equal to the backend's own history,
idempotent, with per-block counts and per-host block colours."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from noc_contracts import ExecutionEvent
from noc_contracts.api import ExecutionDetail
from noc_desktop.monitor.state import BlockStatus, ExecutionState
from tests.desktop.monitor.conftest import admin_token, event, post_events
from tests.desktop.monitor.scripted import host_names, scripted_events


def _models(events: list[dict[str, Any]]) -> list[ExecutionEvent]:
    return [ExecutionEvent.model_validate(e) for e in events]


def _detail(url: str, execution_id: str) -> ExecutionDetail:
    response = httpx.get(f"{url}/api/v1/executions/{execution_id}",
                         headers={"Authorization": f"Bearer {admin_token(url)}"})
    assert response.status_code == 200, response.text
    return ExecutionDetail.model_validate(response.json())


def _header() -> ExecutionDetail:
    return ExecutionDetail.model_validate({
        "id": "ex", "procedure_id": 1, "procedure_name": "p", "procedure_version": 1,
        "status": "running", "started_at": "2026-01-01T12:00:00Z", "finished_at": None,
        "hosts_total": 0, "hosts": []})


@pytest.mark.parametrize("cut", [7, 30, 55, None])
def test_replay_equals_the_backends_history(monitor_backend: str, cut: int | None) -> None:
    """Mid-run and finished: the fold of the stored events is what GET /executions reports."""
    events = scripted_events("ex-r", host_names(8))[:cut]
    post_events(monitor_backend, events)
    detail = _detail(monitor_backend, "ex-r")
    replay = ExecutionState(detail, with_hosts=False)
    replay.apply(_models(events))
    assert replay.to_detail().model_dump(mode="json") == detail.model_dump(mode="json")
    snapshot = ExecutionState(detail)
    assert snapshot.to_detail().model_dump(mode="json") == detail.model_dump(mode="json")
    assert snapshot.here == replay.here and snapshot.ended == replay.ended
    for host in detail.hosts:
        assert snapshot.block_states(host.host) == replay.block_states(host.host)


def test_events_apply_once() -> None:
    events = _models(scripted_events("ex", host_names(4)))
    state = ExecutionState(_header(), with_hosts=False)
    first = state.apply(events)
    before = state.to_detail()
    again = state.apply(list(reversed(events)))
    assert first and not again
    assert state.to_detail() == before
    assert state.status == "partial" and state.finished


def test_changes_name_only_what_moved() -> None:
    state = ExecutionState(_header(), with_hosts=False)
    state.apply(_models(scripted_events("ex", ["a", "b"], finish=False)[:1]))
    changes = state.apply(_models([
        event(100, "step_started", "ex", host="a", step_id="check", visit=1, attempt=1)]))
    assert (changes.hosts, changes.blocks, changes.execution) == ({"a"}, {"check"}, False)
    changes = state.apply(_models([
        event(101, "step_finished", "ex", host="a", step_id="check", visit=1, attempt=1,
              status="ok")]))
    assert (changes.hosts, changes.blocks) == ({"a"}, set())
    changes = state.apply(_models([
        event(102, "host_finished", "ex", host="a", status="success",
              data={"path": ["check", "up?", "ok"]})]))
    assert (changes.hosts, changes.blocks) == ({"a"}, {"check", "ok"})
    assert state.here["check"] == 0 and state.ended["ok"] == 1  # it stopped on "ok"


# Step by step of the script with hosts h0000..h0003 (plans 0..3), what each host shows.
@pytest.mark.parametrize(("count", "host", "expected"), [
    # every host started "check": each sees it running, with 4 hosts there
    (5, "h0000", {"check": BlockStatus("running", 4)}),
    # h0002's first attempt failed while the others are still on check
    (8, "h0002", {"check": BlockStatus("failed", 4)}),
    # first round over: h0000 finished on "ok" (path walked, ends visited, counted there),
    # the others between steps
    (10, "h0000", {"check": BlockStatus("success", 3), "up?": BlockStatus("visited", 0),
                   "ok": BlockStatus("visited", 1)}),
    (10, "h0001", {"check": BlockStatus("success", 3), "ok": BlockStatus("idle", 1)}),
    # round two started: h0001 and h0003 on fix, h0002 retrying check
    (13, "h0001", {"check": BlockStatus("success", 1), "fix": BlockStatus("running", 2),
                   "ok": BlockStatus("idle", 1)}),
    (13, "h0002", {"check": BlockStatus("running", 1), "fix": BlockStatus("idle", 2),
                   "ok": BlockStatus("idle", 1)}),
    # an unknown host (or none) shows only where hosts are
    (13, "nobody", {"check": BlockStatus("idle", 1), "fix": BlockStatus("idle", 2),
                    "ok": BlockStatus("idle", 1)}),
    (13, None, {"check": BlockStatus("idle", 1), "fix": BlockStatus("idle", 2),
                "ok": BlockStatus("idle", 1)}),
])
def test_block_states(count: int, host: str | None, expected: dict[str, BlockStatus]) -> None:
    state = ExecutionState(_header(), with_hosts=False)
    state.apply(_models(scripted_events("ex", host_names(4), finish=False)[:count]))
    assert state.block_states(host) == expected


def test_host_steps_and_duration() -> None:
    state = ExecutionState(_header(), with_hosts=False)
    state.apply(_models(scripted_events("ex", host_names(4))))
    h2 = state.hosts["h0002"]
    assert [(s.step_id, s.visit, s.attempt, s.status) for s in h2.steps] == [
        ("check", 1, 1, "failed"), ("check", 1, 2, "ok")]
    assert h2.steps[0].stderr == "boom" and h2.steps[0].rc == 2
    assert h2.steps[1].facts == {"round": 1} and h2.steps[1].node == "node-1"
    assert h2.status == "success" and h2.current_node is None
    assert h2.finished_at is not None and h2.duration_s(h2.finished_at) == pytest.approx(
        (h2.finished_at - h2.started_at).total_seconds())  # type: ignore[operator]
    assert state.status_counts() == {"success": 3, "failed": 1}
    assert sum(state.here.values()) == 0 and sum(state.ended.values()) == 4


def test_the_start_event_sets_the_start_time_as_the_backend_does() -> None:
    """A snapshot taken between the launch and the scheduler's start event carries the launch
    time; the backend then records the event's time, and so must the view."""
    state = ExecutionState(_header(), with_hosts=False)  # started_at 12:00:00 (the launch)
    state.apply(_models(scripted_events("ex", host_names(2), finish=False)[:1]))
    started = _models(scripted_events("ex", host_names(2), finish=False)[:1])[0]
    assert started.type == "execution_started" and started.at != _header().started_at
    assert state.to_detail().started_at == started.at


def _counted(state: ExecutionState) -> int:
    """``progress`` counted from scratch: every step run started and finished, every host
    done, the execution's end."""
    steps = sum(len(h.steps) + sum(1 for s in h.steps if s.finished)
                for h in state.hosts.values())
    done = sum(1 for h in state.hosts.values() if h.status not in ("pending", "running"))
    return steps + done + (1 if state.finished else 0)


def test_progress_counts_as_it_goes() -> None:
    """The running counters agree with a count from scratch after every event, and a
    snapshot's progress is its replay's."""
    events = _models(scripted_events("ex", host_names(6)))
    state = ExecutionState(_header(), with_hosts=False)
    seen = [state.progress()]
    for one in events:
        state.apply([one, one])  # a repeat adds nothing
        assert state.progress() == _counted(state)
        seen.append(state.progress())
    assert seen == sorted(seen) and seen[-1] > len(events) // 2
    snapshot = ExecutionState(state.to_detail())
    assert snapshot.progress() == _counted(snapshot) == state.progress()
