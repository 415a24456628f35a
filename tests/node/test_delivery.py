"""Outbox delivery rules against a real HTTP receiver, and the local task records."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from noc_contracts import HostResult, TaskResult
from noc_node.core.db import open_sqlite
from noc_node.delivery.outbox import Outbox
from noc_node.delivery.sender import RESULTS_PATH, ResultSender
from noc_node.tasks.store import TaskStore
from tests.node.receiver import Receiver
from tests.support.services import free_port


def _result(task_id: str) -> TaskResult:
    return TaskResult(task_id=task_id, node="n",
                      results=[HostResult(host="h", status="ok")])


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(open_sqlite(tmp_path / "node.db"))


def _sender(outbox: Outbox, url: str, base: float = 0.01) -> ResultSender:
    return ResultSender(outbox, httpx.Client(base_url=url, timeout=5), retry_base_s=base,
                        retry_max_s=base * 2)


@pytest.mark.parametrize(("codes", "kept_after_first"), [
    ([200], 0), ([204], 0), ([422], 0), ([404], 0), ([403], 0),  # delivered or final
    ([401], 1), ([408], 1), ([429], 1), ([500], 1), ([503], 1),  # retried
])
def test_status_codes_decide_retry(outbox: Outbox, receiver: Receiver, codes: list[int],
                                   kept_after_first: int) -> None:
    receiver.script[RESULTS_PATH] = list(codes)
    sender = _sender(outbox, receiver.url)
    outbox.add(_result("t1"))
    assert sender.deliver_due() == 1
    assert outbox.count() == kept_after_first
    if kept_after_first:
        time.sleep(0.05)
        sender.deliver_due()
        assert outbox.count() == 0
        assert [c.status for c in receiver.received(RESULTS_PATH, None)] == [codes[0], 200]


def test_unreachable_scheduler_keeps_results_and_backs_off(outbox: Outbox) -> None:
    sender = _sender(outbox, f"http://127.0.0.1:{free_port()}", base=30.0)
    outbox.add(_result("t1"))
    outbox.add(_result("t2"))
    assert sender.deliver_due() == 1  # stops at the first network error
    assert outbox.count() == 2
    assert [p.task_id for p in outbox.due()] == ["t2"]  # t1 waits for its backoff
    assert sender.backoff(0) == 30.0 and sender.backoff(1) == sender.backoff(10) == 60.0


def test_outbox_survives_reopening(tmp_path: Path) -> None:
    first = Outbox(open_sqlite(tmp_path / "node.db"))
    first.add(_result("t1"))
    first.db.close()
    again = Outbox(open_sqlite(tmp_path / "node.db"))
    assert [TaskResult.model_validate_json(p.body).task_id for p in again.due()] == ["t1"]


def test_task_record_transitions(tmp_path: Path) -> None:
    store = TaskStore(open_sqlite(tmp_path / "node.db"))
    assert store.accept("a", ["h1"]) is True
    assert store.accept("a", ["h1"]) is False  # duplicate
    assert store.start("a") is True and store.start("a") is False
    store.accept("b", ["h1", "h2"])
    cancelled = store.cancel("b")
    assert cancelled is not None and cancelled.previous == "accepted"
    assert cancelled.hosts == ["h1", "h2"]
    assert store.start("b") is False  # skipped by the worker
    assert store.cancel("nope") is None
    store.accept("c", ["h"])
    assert sorted(store.mark_unfinished_orphaned()) == ["a", "c"]
    # only what is confirmed gone is lost (and reported); the rest waits for the next try
    assert store.unreported_lost() == []
    assert store.confirm_orphans(lambda task_id: task_id == "a") == ["a"]
    assert store.unreported_lost() == ["a"] and store.status("c") == "orphaned"
    assert store.start("c") is False
    assert store.confirm_orphans(lambda task_id: True) == ["c"]
    assert store.confirm_orphans(lambda task_id: True) == []
    assert sorted(store.unreported_lost()) == ["a", "c"]
    store.mark_lost_reported(["a"])
    assert store.unreported_lost() == ["c"]
    assert store.start("c") is False
    store.finish("a")
    assert store.status("a") == "done"
