"""Several scheduler URLs: results and heartbeats go to the first that answers, move on at a
connection failure or a 502/503, and stay on the one that works. Real servers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from noc_contracts import HostResult, NodeHeartbeat, TaskResult
from noc_node.core.config import Settings
from noc_node.core.db import open_sqlite
from noc_node.delivery.failover import FailoverTransport, scheduler_client
from noc_node.delivery.heartbeat import HEARTBEAT_PATH, Heartbeat
from noc_node.delivery.outbox import Outbox
from noc_node.delivery.sender import RESULTS_PATH, ResultSender
from noc_node.tasks.store import TaskStore
from tests.node.receiver import Receiver, run_receiver
from tests.support.services import free_port


def _client(settings: Settings) -> httpx.Client:
    return scheduler_client(settings.scheduler_urls, verify=True, timeout=5,
                            headers={"Authorization": "Bearer t"})


def _result(task_id: str) -> TaskResult:
    return TaskResult(task_id=task_id, node="n", results=[HostResult(host="h", status="ok")])


def test_results_and_heartbeats_reach_the_live_scheduler_past_a_dead_one(
        make_settings: Callable[..., Settings], receiver: Receiver, tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    settings = make_settings(scheduler_url=f"{dead}, {receiver.url}/")
    assert settings.scheduler_urls == [dead, receiver.url]
    client = _client(settings)
    db = open_sqlite(tmp_path / "node.db")
    outbox = Outbox(db)
    sender = ResultSender(outbox, client, retry_base_s=0.01, retry_max_s=0.02)
    outbox.add(_result("t1"))
    assert sender.deliver_due() == 1
    assert outbox.count() == 0 and sender.put_off == 0
    assert [c.body["task_id"] for c in receiver.received(RESULTS_PATH)] == ["t1"]
    assert receiver.received(RESULTS_PATH)[0].headers["Authorization"] == "Bearer t"

    heartbeat = Heartbeat(client, 1.0, TaskStore(db),
                          lambda: NodeHeartbeat(name="n", url="http://n", capacity=1,
                                                queue_depth=0, running=0))
    assert heartbeat.beat() is True
    assert len(receiver.received(HEARTBEAT_PATH)) == 1


def test_a_503_moves_on_and_the_working_url_is_kept(tmp_path: Path) -> None:
    with run_receiver() as first, run_receiver() as second:
        first.script[RESULTS_PATH] = [503]
        client = scheduler_client([first.url, second.url], verify=True, timeout=5, headers={})
        outbox = Outbox(open_sqlite(tmp_path / "node.db"))
        sender = ResultSender(outbox, client, retry_base_s=0.01, retry_max_s=0.02)
        for task_id in ("t1", "t2", "t3"):
            outbox.add(_result(task_id))
            sender.deliver_due()
        assert outbox.count() == 0
        assert [c.status for c in first.calls] == [503]  # tried once, then left
        assert [c.body["task_id"] for c in second.received(RESULTS_PATH)] == ["t1", "t2", "t3"]
        # the second stops answering: back to the first, which works again
        second.script[RESULTS_PATH] = [502]
        outbox.add(_result("t4"))
        sender.deliver_due()
        assert outbox.count() == 0
        assert [c.body["task_id"] for c in first.received(RESULTS_PATH)] == ["t4"]


def test_every_url_down_is_a_connection_error_and_the_last_5xx_is_returned(
        tmp_path: Path) -> None:
    dead = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
    with (scheduler_client(dead, verify=True, timeout=5, headers={}) as client,
          pytest.raises(httpx.ConnectError)):
        client.post(RESULTS_PATH, json={})
    with run_receiver() as only:
        only.script[RESULTS_PATH] = [503]
        with scheduler_client([dead[0], only.url], verify=True, timeout=5,
                              headers={}) as client:
            assert client.post(RESULTS_PATH, json={}).status_code == 503


def test_one_url_is_a_plain_client_that_never_retries(receiver: Receiver) -> None:
    receiver.script[RESULTS_PATH] = [503]
    with scheduler_client([receiver.url], verify=True, timeout=5, headers={}) as client:
        assert not isinstance(client._transport, FailoverTransport)
        assert client.post(RESULTS_PATH, json={}).status_code == 503
    assert len(receiver.calls) == 1


def test_a_path_prefix_on_the_urls_is_kept(receiver: Receiver) -> None:
    """The request's path is moved from the first URL's prefix to the next URL's."""
    dead = f"http://127.0.0.1:{free_port()}/a"
    with scheduler_client([dead, receiver.url + "/b"], verify=True, timeout=5,
                          headers={}) as client:
        assert client.post("/x?y=1", json={"k": 1}).status_code == 200
    assert [(c.path, c.body) for c in receiver.calls] == [("/b/x?y=1", {"k": 1})]


@pytest.mark.parametrize("value", ["", " , ", "127.0.0.1:8701", "http://ok:1,ftp://x",
                                   "http://ok:1,http://"])
def test_a_bad_url_list_is_refused_naming_the_variable(
        make_settings: Callable[..., Settings], value: str) -> None:
    with pytest.raises(ValidationError, match="NOC_NODE_SCHEDULER_URL"):
        make_settings(scheduler_url=value)


def test_the_env_variable_takes_a_list(monkeypatch: pytest.MonkeyPatch,
                                       make_settings: Callable[..., Any]) -> None:
    monkeypatch.setenv("NOC_NODE_SCHEDULER_URL", "https://s1:8701/,https://s2:8701")
    settings = Settings(token="x" * 20)  # type: ignore[call-arg]
    assert settings.scheduler_urls == ["https://s1:8701", "https://s2:8701"]
    assert settings.scheduler_url == "https://s1:8701,https://s2:8701"
