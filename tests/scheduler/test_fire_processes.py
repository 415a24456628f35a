"""Real scheduler processes driven by a shared fake clock file (NOC_SCHEDULER_FAKE_CLOCK_FILE):
two processes on one PostgreSQL + Redis fire every schedule exactly once per fire time, and a
restarted process applies each schedule's missed-run policy to what passed while it was down."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from peewee import fn

from noc_scheduler.store.db import open_database
from noc_scheduler.store.models import Execution, ScheduleFire, database
from tests.scheduler.conftest import API_TOKEN, BACKEND_TOKEN
from tests.scheduler.harness import FakeBackend, wait_for
from tests.scheduler.test_firing import RESOLVED
from tests.support.server import ServerThread
from tests.support.services import free_port, postgres_database, redis_url

T0 = datetime(2030, 1, 7, 12, 0, 30, tzinfo=UTC)


def set_clock(path: Path, instant: datetime) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(instant.isoformat(), encoding="utf-8")
    tmp.replace(path)  # atomic: a reader never sees half a timestamp


@contextmanager
def scheduler_process(env: dict[str, str], log: Path) -> Iterator[str]:
    port = free_port()
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "noc_scheduler.cli", "serve", "--port",
                                 str(port), "--log-level", "warning"],
                                env={**os.environ, **env}, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        def healthy() -> bool:
            assert proc.poll() is None, log.read_text()
            try:
                return httpx.get(url + "/healthz", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False
        wait_for(healthy, timeout=30, what="scheduler process")
        yield url
    finally:
        proc.terminate()
        proc.wait(15)


def create(url: str, **fields: Any) -> int:
    response = httpx.post(url + "/internal/v1/schedules", timeout=10,
                          headers={"Authorization": f"Bearer {API_TOKEN}"},
                          json={"procedure_id": 7, "target": {"group": "web"}, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def env_for(tmp_path: Path, db_url: str, queue_url: str, backend: str) -> dict[str, str]:
    clock = tmp_path / "clock.txt"
    set_clock(clock, T0)
    return {"NOC_SCHEDULER_DATABASE_URL": db_url, "NOC_SCHEDULER_QUEUE_URL": queue_url,
            "NOC_SCHEDULER_QUEUE_NAME": f"fires-{uuid.uuid4().hex[:8]}",
            "NOC_SCHEDULER_SECRETS_KEY": Fernet.generate_key().decode(),
            "NOC_SCHEDULER_API_TOKEN": API_TOKEN, "NOC_SCHEDULER_BACKEND_TOKEN": BACKEND_TOKEN,
            "NOC_SCHEDULER_BACKEND_URL": backend, "NOC_SCHEDULER_TICK_S": "0.1",
            "NOC_SCHEDULER_WORKERS": "1", "NOC_SCHEDULER_FAKE_CLOCK_FILE": str(clock)}


def fire_counts(db_url: str) -> dict[str, int]:
    db = open_database(db_url)
    database.initialize(db)
    with db.connection_context():
        rows = (ScheduleFire.select(ScheduleFire.status, fn.COUNT(ScheduleFire.id))
                .group_by(ScheduleFire.status).tuples())
        counts = {status: int(n) for status, n in rows}
        counts["executions"] = Execution.select().count()
    db.close()
    return counts


@pytest.fixture
def backend() -> Iterator[tuple[FakeBackend, str]]:
    fake = FakeBackend(BACKEND_TOKEN)
    fake.resolved = RESOLVED
    with ServerThread(fake.app) as srv:
        yield fake, srv.url


def test_two_processes_fire_each_time_exactly_once(
        tmp_path: Path, backend: tuple[FakeBackend, str]) -> None:
    schedules, minutes = 40, 3
    with ExitStack() as stack:
        db_url = stack.enter_context(postgres_database())
        env = env_for(tmp_path, db_url, stack.enter_context(redis_url()), backend[1])
        first = stack.enter_context(scheduler_process(env, tmp_path / "a.log"))
        stack.enter_context(scheduler_process(env, tmp_path / "b.log"))
        ids = [create(first, cron="* * * * *", overlap_policy="allow")
               for _ in range(schedules)]
        clock = Path(env["NOC_SCHEDULER_FAKE_CLOCK_FILE"])
        for minute in range(1, minutes + 1):
            set_clock(clock, T0.replace(minute=minute, second=0))
            wait_for(lambda m=minute: fire_counts(db_url).get("started", 0) == schedules * m,
                     timeout=30, what=f"fires of minute {minute}")
        counts = fire_counts(db_url)
    assert counts == {"started": schedules * minutes, "executions": schedules * minutes}
    started = [e for e in backend[0].events.values() if e["type"] == "execution_started"]
    assert len(started) <= schedules * minutes  # delivered so far: never more than once each
    assert len({e["execution_id"] for e in started}) == len(started)
    assert backend[0].resolve_calls == schedules * minutes
    assert sorted(ids) == list(range(1, schedules + 1))


def test_restarted_process_applies_missed_policies(
        tmp_path: Path, backend: tuple[FakeBackend, str]) -> None:
    db_url = f"sqlite:///{tmp_path / 'scheduler.db'}"
    env = env_for(tmp_path, db_url, f"sqlite:///{tmp_path / 'queue.db'}", backend[1])
    clock = Path(env["NOC_SCHEDULER_FAKE_CLOCK_FILE"])
    with scheduler_process(env, tmp_path / "a.log") as url:
        for policy in ("skip", "run_once", "catch_up"):
            create(url, cron="*/10 * * * *", missed_policy=policy, catch_up_max=2,
                   overlap_policy="allow")
    set_clock(clock, T0 + timedelta(hours=1, minutes=2))  # 12:10 .. 13:00 pass while down
    with scheduler_process(env, tmp_path / "b.log"):
        wait_for(lambda: fire_counts(db_url).get("started", 0) == 3, timeout=30,
                 what="catch-up and run-once fires")
        wait_for(lambda: fire_counts(db_url).get("missed", 0) == 6 + 5 + 4, timeout=10,
                 what="missed fires recorded")
        wait_for(lambda: sum(e["type"] == "fire_missed" for e in backend[0].events.values())
                 == 15, timeout=10, what="fire_missed events delivered")
    assert fire_counts(db_url) == {"started": 3, "missed": 15, "executions": 3}
