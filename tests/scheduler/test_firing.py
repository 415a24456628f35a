"""Firing driven by a FakeClock (no loop threads), on SQLite and PostgreSQL: cron fires once
each, missed-run policies, overlap policies, pause/resume, windows, and a DST change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import ScheduleCreate
from noc_scheduler.runtime import Runtime
from noc_scheduler.schedules import admin, fire_start, firing, records
from noc_scheduler.schedules.fire_loop import fire_pass
from noc_scheduler.store.models import Execution, OutboxEvent, Schedule, ScheduleFire
from noc_scheduler.timing import FakeClock
from tests.scheduler.conftest import BACKEND_TOKEN, make_settings
from tests.scheduler.harness import FakeBackend
from tests.support.server import ServerThread

T0 = datetime(2030, 1, 7, 8, 0, 30, tzinfo=UTC)  # a Monday, just after 08:00 UTC
RESOLVED = {"procedure_id": 7, "procedure_name": "p", "procedure_version": 2,
            "graph": {"nodes": [{"id": "a", "type": "task", "task": "ping"},
                                {"id": "e", "type": "end"}],
                      "edges": [{"from": "a", "to": "e", "on": "success"}], "start": "a"},
            "hosts": [{"name": "h1", "address": "10.0.0.1"}]}


@pytest.fixture
def rt(tmp_path: Path, database_url: str,
       monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    monkeypatch.setattr(fire_start, "WAIT_POLL_S", 0.0)
    backend = FakeBackend(BACKEND_TOKEN)
    backend.resolved = RESOLVED
    with ServerThread(backend.app) as srv:
        runtime = Runtime(make_settings(tmp_path, database_url, backend_url=srv.url),
                          clock=FakeClock(T0))
        runtime.create_tables()
        runtime.fake_backend = backend  # type: ignore[attr-defined]
        yield runtime
        runtime.close()


def clock(rt: Runtime) -> FakeClock:
    assert isinstance(rt.clock, FakeClock)
    return rt.clock


def make(rt: Runtime, **fields: Any) -> int:
    body = ScheduleCreate(procedure_id=7, target={"group": "web"}, **fields)
    return records.create(rt, body).id


def fire(rt: Runtime) -> None:
    firing.plan_due(rt, rt.clock.now())
    fire_start.start_pending(rt)


def fires(rt: Runtime, sid: int, status: str | None = None) -> list[datetime]:
    with rt.db.connection_context():
        query = ScheduleFire.select().where(ScheduleFire.schedule == sid)
        if status:
            query = query.where(ScheduleFire.status == status)
        return [f.fire_time.replace(tzinfo=UTC) for f in query.order_by(ScheduleFire.fire_time)]


def runs(rt: Runtime, sid: int) -> list[Execution]:
    with rt.db.connection_context():
        return list(Execution.select().where(Execution.schedule_id == sid))


def finish_runs(rt: Runtime, sid: int) -> None:
    with rt.db.connection_context():
        Execution.update(status="success").where(Execution.schedule_id == sid).execute()


def missed_events(rt: Runtime) -> list[dict[str, Any]]:
    with rt.db.connection_context():
        return [r.payload for r in OutboxEvent.select().order_by(OutboxEvent.id)
                if r.payload["type"] == "fire_missed"]


def test_cron_fires_each_time_once_and_advances(rt: Runtime) -> None:
    sid = make(rt, cron="*/15 * * * *")
    with rt.db.connection_context():
        assert Schedule.get_by_id(sid).next_fire_at == datetime(2030, 1, 7, 8, 15)
    fire(rt)
    assert fires(rt, sid) == []
    for minute in (15, 30, 45):
        clock(rt).set(T0.replace(minute=minute, second=0))
        fire(rt)
        fire(rt)  # a second pass at the same instant changes nothing
        finish_runs(rt, sid)
    assert fires(rt, sid, "started") == [T0.replace(minute=m, second=0) for m in (15, 30, 45)]
    assert len(runs(rt, sid)) == 3 and missed_events(rt) == []
    with rt.db.connection_context():
        row = Schedule.get_by_id(sid)
    assert row.next_fire_at == datetime(2030, 1, 7, 9, 0)
    assert row.last_fired_at == datetime(2030, 1, 7, 8, 45)
    assert rt.fake_backend.resolve_calls == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize(("policy", "ran", "missed"), [
    ("skip", 0, 6), ("run_once", 1, 5), ("catch_up", 3, 3)])
def test_missed_policies_after_downtime(rt: Runtime, policy: str, ran: int,
                                        missed: int) -> None:
    sid = make(rt, cron="*/10 * * * *", missed_policy=policy, catch_up_max=3,
               overlap_policy="allow")
    clock(rt).set(T0.replace(hour=9, minute=5))  # 08:10 .. 09:00 passed while "down"
    fire(rt)
    assert len(fires(rt, sid, "started")) == ran == len(runs(rt, sid))
    late = fires(rt, sid, "missed")
    assert len(late) == missed
    events = missed_events(rt)
    assert [e["data"]["fire_time"] for e in events] == [t.isoformat() for t in late]
    assert all(e["data"]["schedule_id"] == sid and "late" in e["data"]["reason"]
               for e in events)
    if ran:  # the latest fire times run (catch_up: oldest first)
        assert fires(rt, sid, "started")[-1] == T0.replace(hour=9, minute=0, second=0)


def test_catch_up_runs_wait_for_each_other(rt: Runtime) -> None:
    sid = make(rt, cron="0 * * * *", missed_policy="catch_up", catch_up_max=2)
    clock(rt).set(T0.replace(hour=11, minute=30))
    fire(rt)
    assert len(runs(rt, sid)) == 1 and len(fires(rt, sid, "pending")) == 1
    finish_runs(rt, sid)
    fire(rt)
    assert len(runs(rt, sid)) == 2 and fires(rt, sid, "missed") == [T0.replace(
        hour=9, minute=0, second=0)]


@pytest.mark.parametrize(("policy", "started", "missed"), [
    ("skip", 1, 2), ("queue", 2, 1), ("allow", 3, 0)])
def test_overlap_policies(rt: Runtime, policy: str, started: int, missed: int) -> None:
    sid = make(rt, cron="* * * * *", overlap_policy=policy)
    for minute in (1, 2, 3):  # the first run never ends
        clock(rt).set(T0.replace(minute=minute, second=0))
        fire(rt)
    if policy == "queue":
        assert len(runs(rt, sid)) == 1 and len(fires(rt, sid, "pending")) == 1
        finish_runs(rt, sid)
        fire(rt)
    assert len(runs(rt, sid)) == started
    assert len(missed_events(rt)) == missed
    assert all("overlap" in e["data"]["reason"] for e in missed_events(rt))


def test_pause_then_resume_follows_the_missed_policy(rt: Runtime) -> None:
    sid = make(rt, cron="*/20 * * * *", missed_policy="run_once")
    admin.pause(rt, sid)
    clock(rt).set(T0.replace(hour=9, minute=10))
    fire(rt)
    assert fires(rt, sid) == []
    preview = admin.preview(rt, sid, 2).fire_times
    assert preview == [T0.replace(hour=9, minute=20, second=0), T0.replace(hour=9, minute=40,
                                                                            second=0)]
    admin.resume(rt, sid)
    fire(rt)
    assert fires(rt, sid, "started") == [T0.replace(hour=9, minute=0, second=0)]
    assert len(fires(rt, sid, "missed")) == 2  # 08:20 and 08:40


def test_window_end_finishes_the_schedule(rt: Runtime) -> None:
    sid = make(rt, cron="0 * * * *", start=T0.replace(hour=9, second=0),
               end=T0.replace(hour=10, minute=30))
    preview = admin.preview(rt, sid, 5).fire_times
    assert preview == [T0.replace(hour=h, minute=0, second=0) for h in (9, 10)]
    for hour in (9, 10, 11):
        clock(rt).set(T0.replace(hour=hour, minute=0, second=0))
        fire(rt)
        finish_runs(rt, sid)
    assert len(fires(rt, sid, "started")) == 2
    with rt.db.connection_context():
        row = Schedule.get_by_id(sid)
    assert row.status == "done" and row.next_fire_at is None


def test_fires_across_a_dst_change(rt: Runtime) -> None:
    """02:30 New York: on the spring-forward day it fires once, at 03:00 EDT (07:00 UTC)."""
    clock(rt).set(datetime(2030, 3, 9, 12, 0, tzinfo=UTC))
    sid = make(rt, cron="30 2 * * *", timezone="America/New_York")
    expected = [datetime(2030, 3, 10, 7, 0, tzinfo=UTC),   # the gap: 03:00 EDT
                datetime(2030, 3, 11, 6, 30, tzinfo=UTC)]  # 02:30 EDT
    assert admin.preview(rt, sid, 2).fire_times == expected
    for instant in expected:
        clock(rt).set(instant)
        fire(rt)
        finish_runs(rt, sid)
    assert fires(rt, sid, "started") == expected


def test_a_wildcard_job_fires_in_both_passes_of_a_repeated_hour(rt: Runtime) -> None:
    """30 * * * * in New York on the fall-back day: 01:30 EDT and 01:30 EST both run (as
    Debian's cron runs wildcard jobs); the fixed-time 30 1 * * * runs in the first pass only."""
    clock(rt).set(datetime(2030, 11, 3, 4, 45, tzinfo=UTC))  # 00:45 EDT
    hourly = make(rt, cron="30 * * * *", timezone="America/New_York")
    fixed = make(rt, cron="30 1 * * *", timezone="America/New_York")
    first, second = (datetime(2030, 11, 3, 5, 30, tzinfo=UTC),   # 01:30 EDT
                     datetime(2030, 11, 3, 6, 30, tzinfo=UTC))   # 01:30 EST
    assert admin.preview(rt, hourly, 2).fire_times == [first, second]
    for instant in (first, second):
        clock(rt).set(instant)
        fire(rt)
        finish_runs(rt, hourly)
        finish_runs(rt, fixed)
    assert fires(rt, hourly, "started") == [first, second]
    assert fires(rt, fixed, "started") == [first]


def test_at_schedule_fires_once_and_a_late_one_is_missed(rt: Runtime) -> None:
    on_time = make(rt, at=T0 + timedelta(minutes=5))
    late = make(rt, at=T0 + timedelta(minutes=6))
    admin.pause(rt, late)
    clock(rt).advance(minutes=5)
    fire(rt)
    clock(rt).advance(minutes=25)
    admin.resume(rt, late)
    fire(rt)
    fire(rt)
    assert len(fires(rt, on_time, "started")) == 1 and len(runs(rt, on_time)) == 1
    assert fires(rt, late, "missed") == [T0 + timedelta(minutes=6)]


def test_refused_target_is_recorded_missed(rt: Runtime) -> None:
    rt.fake_backend.refuse = (422, {  # type: ignore[attr-defined]
        "error": {"code": "invalid", "message": "group 'web' is empty", "details": []}})
    sid = make(rt, cron="* * * * *")
    clock(rt).set(T0.replace(minute=1, second=0))
    fire(rt)
    assert runs(rt, sid) == [] and len(fires(rt, sid, "missed")) == 1
    assert "could not be resolved" in missed_events(rt)[0]["data"]["reason"]


def test_fire_pass_sleeps_until_the_next_fire(rt: Runtime) -> None:
    make(rt, cron="1 8 * * *")  # due in 30 s of fake time
    assert fire_pass(rt) == pytest.approx(rt.settings.tick_s)
    clock(rt).set(T0 + timedelta(seconds=29.95))
    assert fire_pass(rt) == pytest.approx(0.05)
