"""Host results of one task reported host by host leave the node as one message (one POST, one
transaction on the scheduler), retried together, and never merged past the size bound."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from noc_contracts import HostResult, TaskResult
from noc_node.core.db import open_sqlite
from noc_node.delivery.outbox import PAGE, Outbox, coalesce
from noc_node.delivery.sender import RESULTS_PATH, ResultSender
from tests.node.receiver import Receiver


def _one(task_id: str, host: str, stdout: str = "") -> TaskResult:
    return TaskResult(task_id=task_id, node="n",
                      results=[HostResult(host=host, status="ok", stdout=stdout)])


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return Outbox(open_sqlite(tmp_path / "node.db"))


def test_results_of_one_task_go_as_one_message(outbox: Outbox, receiver: Receiver) -> None:
    for host in ("a", "b", "c"):
        outbox.add(_one("t1", host))
    outbox.add(_one("t2", "x"))
    outbox.add(_one("t1", "d"))
    sender = ResultSender(outbox, httpx.Client(base_url=receiver.url, timeout=5))
    assert sender.deliver_due() == 2
    calls = receiver.received(RESULTS_PATH)
    assert [c.body["task_id"] for c in calls] == ["t1", "t2"]
    assert [r["host"] for r in calls[0].body["results"]] == ["a", "b", "c", "d"]
    assert outbox.count() == 0


def test_a_merged_message_is_retried_whole(outbox: Outbox, receiver: Receiver) -> None:
    receiver.script[RESULTS_PATH] = [503]
    for host in ("a", "b"):
        outbox.add(_one("t1", host))
    sender = ResultSender(outbox, httpx.Client(base_url=receiver.url, timeout=5),
                          retry_base_s=0.01, retry_max_s=0.02)
    sender.deliver_due()
    assert outbox.count() == 2
    time.sleep(0.05)
    sender.deliver_due()
    assert outbox.count() == 0
    last = receiver.received(RESULTS_PATH)[-1]
    assert [r["host"] for r in last.body["results"]] == ["a", "b"]


def test_a_merged_message_refused_for_good_drops_only_the_refused_result(
        outbox: Outbox, receiver: Receiver) -> None:
    # the merged message is refused, then each item alone: only b's is refused again
    receiver.script[RESULTS_PATH] = [422, 200, 422, 200]
    for host in ("a", "b", "c"):
        outbox.add(_one("t1", host))
    sender = ResultSender(outbox, httpx.Client(base_url=receiver.url, timeout=5))
    assert sender.deliver_due() == 1
    assert sorted(receiver.host_results("t1")) == ["a", "c"]
    assert outbox.count() == 0


def test_merging_stops_at_the_size_bound(outbox: Outbox) -> None:
    for host in ("a", "b", "c"):
        outbox.add(_one("t1", host, stdout="x" * 1000))
    messages = coalesce(outbox.due(), max_bytes=2500)
    assert [len(m.ids) for m in messages] == [2, 1]


def test_the_size_bound_counts_bytes_not_characters(outbox: Outbox) -> None:
    for host in ("a", "b"):
        outbox.add(_one("t1", host, stdout="é" * 1000))  # ~1,100 characters, ~2,100 bytes
    messages = coalesce(outbox.due(), max_bytes=2500)
    assert [len(m.ids) for m in messages] == [1, 1]


def test_host_results_reuse_one_database_connection(outbox: Outbox) -> None:
    # opening the file (and its pragmas) and closing it (a WAL checkpoint) per host result was
    # most of the node's cost per host-step
    seen = []
    for host in ("a", "b", "c"):
        outbox.add(_one("t1", host))
        with outbox.db.connection_context():
            seen.append(outbox.db.connection())
    assert seen[0] is seen[1] is seen[2]
    assert outbox.count() == 3


def test_one_pass_delivers_more_results_than_one_page(outbox: Outbox, receiver: Receiver) -> None:
    # 1,000 hosts of one task reported one by one: the sender read 500 items a pass and slept
    # its idle second before the rest, however idle the node was
    for i in range(PAGE + 20):
        outbox.add(_one("t1", f"h{i:04d}"))
    sender = ResultSender(outbox, httpx.Client(base_url=receiver.url, timeout=5))
    sender.deliver_due()
    assert outbox.count() == 0
    assert len(receiver.host_results("t1")) == PAGE + 20


def test_a_failing_scheduler_is_not_sent_the_whole_backlog_in_one_pass(
        outbox: Outbox, receiver: Receiver) -> None:
    receiver.script[RESULTS_PATH] = [503] * 10
    for i in range(3 * PAGE):  # three pages, one task per page of items
        outbox.add(_one(f"t{i // PAGE}", f"h{i:04d}"))
    sender = ResultSender(outbox, httpx.Client(base_url=receiver.url, timeout=5))
    assert sender.deliver_due() == 1  # the first page's message was put off: the pass ends
    assert len(receiver.received(RESULTS_PATH, status=None)) == 1
    assert outbox.count() == 3 * PAGE
