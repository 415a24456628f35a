"""The scheduler client reads every answer as the contract's type (an unreadable one is
``SchedulerUnavailable``, logged), sends the status filter to the scheduler, and passes the
scheduler's error codes through when it knows them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_backend.core.errors import SchedulerUnavailable, UpstreamError
from noc_backend.scheduler_client import SchedulerClient
from noc_contracts import ErrorCode, ScheduleStatus
from tests.backend.utils import make_settings

INFO = {"id": 7, "procedure_id": 1, "target": {"group": "web"}, "cron": "0 3 * * *",
        "timezone": "UTC", "status": "active", "created_at": datetime.now(UTC).isoformat()}


def _client(tmp_path: Path, answer: Callable[[httpx.Request], httpx.Response],
            calls: list[httpx.Request]) -> SchedulerClient:
    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return answer(request)
    return SchedulerClient(make_settings(f"sqlite:///{tmp_path / 'b.db'}"),
                           transport=httpx.MockTransport(handle))


@pytest.mark.parametrize("body", [b"not json", b'{"id": "seven"}', b"[1, 2]"])
@pytest.mark.parametrize("call", [
    lambda c: c.get_schedule(7), lambda c: c.set_paused(7, paused=True),
    lambda c: c.fire_times(7, 3), lambda c: c.list_schedules(), lambda c: c.list_nodes()])
def test_an_unreadable_answer_is_scheduler_unavailable_and_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, body: bytes,
        call: Callable[[SchedulerClient], Any]) -> None:
    client = _client(tmp_path, lambda _: httpx.Response(200, content=body), [])
    with caplog.at_level(logging.ERROR), pytest.raises(SchedulerUnavailable,
                                                      match="could not be read"):
        call(client)
    assert any(r.levelno == logging.ERROR and "unreadabl" in r.getMessage()
               for r in caplog.records)
    client.close()


def test_the_status_filter_is_sent_to_the_scheduler(tmp_path: Path) -> None:
    calls: list[httpx.Request] = []
    client = _client(tmp_path, lambda _: httpx.Response(200, json=[INFO]), calls)
    found = client.list_schedules(statuses=(ScheduleStatus.active, ScheduleStatus.paused))
    assert [s.id for s in found] == [7]
    client.list_schedules()
    assert [c.url.params.get_list("status") for c in calls] == [["active", "paused"], []]
    client.close()


@pytest.mark.parametrize(("code", "expected"), [
    ("not_found", ErrorCode.not_found), ("a_code_from_the_future", ErrorCode.scheduler_rejected),
    (["not", "a", "string"], ErrorCode.scheduler_rejected), (None, ErrorCode.scheduler_rejected)])
def test_a_refusal_keeps_the_schedulers_code_when_it_is_known(
        tmp_path: Path, code: object, expected: ErrorCode) -> None:
    error = {"error": {"code": code, "message": "no schedule 7"}}
    client = _client(tmp_path, lambda _: httpx.Response(404, json=error), [])
    with pytest.raises(UpstreamError) as raised:
        client.get_schedule(7)
    assert raised.value.code == expected and raised.value.status_code == 404
    client.close()
