"""Storing execution events (SQLite and PostgreSQL): a batch of 200 hosts' events costs a few
statements per host, not ~6 per event, and hosts first seen in one batch keep each other's
changes; event-storing transactions commit in id order on PostgreSQL (a live stream past id N
never misses an id below N); an idle live stream reads nothing until events are stored, and
the signal, not its fallback re-check, wakes it when they are."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import anyio
import pytest

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.models import EventRecord, ExecutionHost, StepRun
from noc_backend.services import event_stream, events
from noc_backend.services.event_signal import EventSignal
from noc_contracts import EventBatch
from tests.backend.utils import make_settings
from tests.support.statements import Statements

HOSTS = 200
T0 = datetime(2030, 1, 1, tzinfo=UTC)


def batch(execution: str, tag: str, specs: list[tuple[str, dict[str, Any]]]) -> EventBatch:
    return EventBatch.model_validate({"events": [
        {"event_id": f"{execution}-{tag}-{i}", "execution_id": execution, "type": kind,
         "at": T0.isoformat(), **fields} for i, (kind, fields) in enumerate(specs)]})


@pytest.fixture
def db(settings: Settings) -> Iterator[Any]:
    database = open_database(settings.database_url)
    yield database
    close_database(database)


def test_a_step_of_200_hosts_is_stored_in_a_few_statements_per_host(db: Any) -> None:
    names = [f"h{i:03d}" for i in range(HOSTS)]
    with db.connection_context():
        events.record_events(batch=batch("ex", "start", [
            ("execution_started", {"data": {"hosts": names}})]))
        step = [("step_started", {"host": n, "step_id": "s1", "attempt": 1}) for n in names]
        step += [("step_finished", {"host": n, "step_id": "s1", "attempt": 1, "status": "ok",
                                    "result": {"host": n, "status": "ok"}}) for n in names]
        with Statements(db) as stored:
            assert events.record_events(batch=batch("ex", "s1", step)) == 2 * HOSTS
        assert stored.count <= 2 * HOSTS + 15, stored.count  # was ~6 per event: 2,400
        rows = list(ExecutionHost.select().where(ExecutionHost.host.in_(names[:2])))
        results = list(StepRun.select().where(StepRun.host.in_(names[:2])))
    assert [(r.status, r.path) for r in rows] == [("running", ["s1"])] * 2
    assert [(r.step_id, r.status, r.visit, r.attempt) for r in results] == [("s1", "ok", 1, 1)] * 2


def test_hosts_first_seen_in_one_batch_keep_each_others_changes(db: Any) -> None:
    with db.connection_context():
        events.record_events(batch=batch("ex", "a", [
            ("step_started", {"host": "h1", "step_id": "s1", "attempt": 1}),
            ("step_started", {"host": "h2", "step_id": "s1", "attempt": 1}),
            ("step_started", {"host": "h1", "step_id": "s2", "attempt": 1})]))
        paths = {r.host: r.path for r in ExecutionHost.select()}
    assert paths == {"h1": ["s1", "s2"], "h2": ["s1"]}  # h2's arrival re-read h1: ['s2']


def _waiting_for_the_events_lock(db: Any) -> bool:
    """Whether a connection waits for the advisory lock that orders event transactions."""
    with db.connection_context():
        return bool(db.execute_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND wait_event = 'advisory'").fetchone()[0])


@pytest.mark.postgres
def test_event_transactions_commit_in_id_order_on_postgresql(pg_url: str) -> None:
    db = open_database(make_settings(pg_url).database_url)
    first_inserted, release = threading.Event(), threading.Event()

    def slow_first() -> None:
        with db.connection_context(), db.atomic():
            events.record_events(batch=batch("ex1", "a", [("execution_finished", {})] * 1))
            first_inserted.set()
            release.wait(30)

    def second() -> None:
        with db.connection_context():
            events.record_events(batch=batch("ex2", "b", [("execution_finished", {})]))

    def visible() -> list[str]:
        with db.connection_context():
            return [r.execution_id for r in EventRecord.select(EventRecord.execution_id)
                    .order_by(EventRecord.id)]

    try:
        one = threading.Thread(target=slow_first)
        one.start()
        assert first_inserted.wait(30)
        two = threading.Thread(target=second)
        two.start()
        deadline = time.monotonic() + 30  # only a bound on a hang, never reached when it works
        while not _waiting_for_the_events_lock(db):
            assert time.monotonic() < deadline, "the second transaction never waited"
            time.sleep(0.01)
        assert visible() == []  # the second waits before taking an id, the first is open
        assert two.is_alive()
        release.set()
        one.join(30)
        two.join(30)
        assert visible() == ["ex1", "ex2"]  # committed in the order their ids were taken
    finally:
        release.set()
        close_database(db)


class WatchedSignal(EventSignal):
    """Counts the streams' waits: a stream waiting is idle, its replay read."""

    def __init__(self) -> None:
        super().__init__()
        self.waits = 0

    async def wait(self, seen: int, timeout: float) -> bool:
        self.waits += 1
        return await super().wait(seen, timeout)


def test_an_idle_stream_reads_nothing_and_wakes_when_events_are_stored(db: Any) -> None:
    with db.connection_context():
        events.record_events(batch=batch("ex", "0", [("execution_started", {"data": {}})]))
    signal = WatchedSignal()
    received: list[str] = []

    async def disconnected() -> bool:
        return False

    async def follow() -> None:
        # an hour's fallback: within the test only the signal can make the stream read again
        async for chunk in event_stream.stream(db, "ex", 0, disconnected, signal,
                                               fallback_s=3600.0):
            received.append(chunk)
            if "execution_finished" in chunk:
                return

    def store() -> None:
        with db.connection_context():
            events.record_events(batch=batch("ex", "1", [("execution_finished", {})]))
        signal.notify()

    async def main() -> int:
        with anyio.fail_after(60):  # a stream the signal never woke would wait an hour
            async with anyio.create_task_group() as group:
                group.start_soon(follow)
                while signal.waits == 0:  # the replay is read and sent: the stream is idle
                    await anyio.sleep(0.01)
                with Statements(db) as idle:
                    await anyio.sleep(0.6)
                assert signal.waits == 1  # still the same wait
                await anyio.to_thread.run_sync(store)
        return idle.count

    idle_reads = anyio.run(main)
    assert idle_reads == 0  # polling read the database every 0.1 s
    assert [c.splitlines()[1] for c in received if c.startswith("id:")] == [
        "event: execution_started", "event: execution_finished"]  # the replay, then the wake
    assert any("execution_finished" in c for c in received)


def test_a_batch_reads_only_the_host_rows_it_names(db: Any) -> None:
    names = [f"h{i:04d}" for i in range(1000)]
    with db.connection_context():
        events.record_events(batch=batch("big", "start", [
            ("execution_started", {"data": {"hosts": names}})]))
        two = [("step_started", {"host": n, "step_id": "s1", "attempt": 1}) for n in names[:2]]
        with Statements(db) as stored:
            assert events.record_events(batch=batch("big", "s1", two)) == 2
        assert stored.rows_read <= 10, stored.rows_read  # was every host of the execution
        rows = {r.host: r.status for r in ExecutionHost.select().where(
            ExecutionHost.host.in_(names[:3]))}
    assert rows == {names[0]: "running", names[1]: "running", names[2]: "pending"}


def test_a_live_stream_sends_each_payload_as_stored_not_decoded_and_encoded_again(
        db: Any) -> None:
    with db.connection_context():
        events.record_events(batch=batch("sse", "s1", [
            ("step_finished", {"host": "h1", "step_id": "s1", "attempt": 1, "status": "ok",
                               "result": {"host": "h1", "status": "ok",
                                          "msg": "disco cheio ✓\nlinha 2"}})]))
        stored = EventRecord.select().where(EventRecord.execution_id == "sse").get()
        raw = db.execute_sql(f"SELECT payload FROM {EventRecord._meta.table_name} "  # noqa: S608
                             f"WHERE id = {db.param}", (stored.id,)).fetchone()[0]
        found = event_stream.events_after(execution_id="sse", after=0)
    text = event_stream.format_sse(found[0])
    assert text == f"id: {stored.id}\nevent: step_finished\ndata: {raw}\n\n"
    assert "✓" in text and text.count("\n") == 4  # one data line: the line break is escaped
    assert stored.payload["result"]["msg"] == "disco cheio ✓\nlinha 2"
