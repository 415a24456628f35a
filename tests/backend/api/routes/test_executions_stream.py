"""``GET /api/v1/events``: the executions list, live. A real backend (uvicorn on a loopback
port) is fed events through its internal route as the scheduler would, and read by a streaming
httpx client; a reconnect with ``Last-Event-ID`` loses nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx
import pytest

from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.services import live_executions
from noc_backend.services.event_signal import EventSignal
from tests.backend.servers import serve_app
from tests.backend.utils import INTERNAL, graph

T0 = datetime(2030, 1, 1, tzinfo=UTC)
Event = dict[str, Any]


@pytest.fixture
def backend(settings: Settings) -> Iterator[tuple[str, dict[str, str], int]]:
    """The served backend, a viewer's headers, and a procedure's id."""
    with serve_app(settings) as url:
        login = httpx.post(f"{url}/api/v1/auth/login",
                           json={"username": "admin", "password": "admin-test-password"})
        admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
        httpx.post(f"{url}/api/v1/users", headers=admin, json={
            "username": "viewer", "password": "viewer-password-1", "role": "viewer"})
        token = httpx.post(f"{url}/api/v1/auth/login", json={
            "username": "viewer", "password": "viewer-password-1"}).json()["access_token"]
        proc = httpx.post(f"{url}/api/v1/procedures", headers=admin,
                          json={"name": "restart nginx", "graph": graph()}).json()["id"]
        yield url, {"Authorization": f"Bearer {token}"}, int(proc)


def _send(url: str, execution: str, events: list[tuple[str, dict[str, Any]]]) -> None:
    """Deliver events as the scheduler does (its token, its batch shape)."""
    batch = [{"event_id": f"{execution}-{i}-{kind}", "execution_id": execution, "type": kind,
              "at": (T0 + timedelta(seconds=i)).isoformat(), **fields}
             for i, (kind, fields) in enumerate(events)]
    answer = httpx.post(f"{url}/internal/v1/events", headers=INTERNAL, json={"events": batch})
    assert answer.status_code == 200, answer.text


def _run(proc: int, hosts: int = 1) -> list[tuple[str, dict[str, Any]]]:
    names = [f"web{i}" for i in range(hosts)]
    return [("execution_started", {"data": {"procedure_id": proc, "procedure_version": 1,
                                            "hosts": names}}),
            ("step_started", {"host": "web0", "step_id": "check", "attempt": 1}),
            ("host_finished", {"host": "web0", "status": "success"}),
            ("execution_finished", {"status": "success"})]


def _events(lines: Iterator[str], count: int) -> list[Event]:
    """The next ``count`` events (comments skipped), each as {id, event, data}."""
    found: list[Event] = []
    current: Event = {}
    for line in lines:
        if not line:
            if "event" in current:
                found.append(current)
                if len(found) == count:
                    return found
            current = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(": ")
            current[key] = json.loads(value) if key == "data" else value
    raise AssertionError(f"the stream ended after {found}")


def _open(client: httpx.Client, url: str, headers: dict[str, str]) -> Any:
    return client.stream("GET", f"{url}/api/v1/events", headers=headers,
                         timeout=httpx.Timeout(10.0))


def test_every_execution_start_and_end_arrives_with_its_row(
        backend: tuple[str, dict[str, str], int]) -> None:
    url, viewer, proc = backend
    with httpx.Client() as client, _open(client, url, viewer) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        ready = _events(lines, 1)[0]
        assert ready["event"] == "ready" and int(ready["id"]) >= 0
        _send(url, "ex-a", _run(proc, hosts=2))
        started, host, finished = _events(lines, 3)
    assert [started["event"], host["event"], finished["event"]] == [
        "execution_started", "host_finished", "execution_finished"]
    assert int(ready["id"]) < int(started["id"]) < int(host["id"]) < int(finished["id"])
    for event in (started, host, finished):
        assert event["data"]["execution_id"] == "ex-a"
        assert event["data"]["procedure_id"] == proc
        assert event["data"]["procedure_name"] == "restart nginx"
        assert event["data"]["hosts_total"] == 2
    assert finished["data"]["status"] == "success"
    assert finished["data"]["finished_at"].startswith("2030-01-01T00:00:03")
    assert (host["data"]["host"], host["data"]["host_status"]) == ("web0", "success")


def test_resuming_with_last_event_id_loses_nothing(
        backend: tuple[str, dict[str, str], int]) -> None:
    url, viewer, proc = backend
    with httpx.Client() as client:
        with _open(client, url, viewer) as stream:
            seen = _events(stream.iter_lines(), 1)[0]["id"]
        _send(url, "ex-b", _run(proc))  # while nobody listens
        _send(url, "ex-c", _run(proc)[:1])
        with _open(client, url, {**viewer, "Last-Event-ID": seen}) as stream:
            lines = stream.iter_lines()
            ready, *missed = _events(lines, 5)
            _send(url, "ex-c", [("execution_finished", {"status": "failed"})])
            live = _events(lines, 1)[0]
    assert ready["id"] == seen
    assert [(e["event"], e["data"]["execution_id"]) for e in missed] == [
        ("execution_started", "ex-b"), ("host_finished", "ex-b"),
        ("execution_finished", "ex-b"), ("execution_started", "ex-c")]
    assert (live["event"], live["data"]["status"]) == ("execution_finished", "failed")
    middle = {**viewer, "Last-Event-ID": missed[1]["id"]}  # only what came after it
    with httpx.Client() as client, _open(client, url, middle) as stream:
        _, *after = _events(stream.iter_lines(), 4)
    assert [e["id"] for e in after] == [missed[2]["id"], missed[3]["id"], live["id"]]


def test_a_caller_needs_a_token(backend: tuple[str, dict[str, str], int]) -> None:
    url, _, _ = backend
    answer = httpx.get(f"{url}/api/v1/events")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"


def test_silence_sends_keep_alives_until_the_client_leaves(settings: Settings) -> None:
    db = open_database(settings.database_url)
    calls = 0

    async def disconnected() -> bool:
        nonlocal calls
        calls += 1
        return calls > 8

    async def read() -> list[str]:
        return [chunk async for chunk in live_executions.follow(
            db, None, disconnected, EventSignal(), fallback_s=0.01, keepalive_s=0.03)]

    try:
        chunks = anyio.run(read)
    finally:
        close_database(db)
    assert chunks[0].startswith("retry: 1000\nid: 0\nevent: ready")
    assert chunks.count(": keep-alive\n\n") >= 2
