"""``GET /metrics`` of the node: off (404) without NOC_NODE_METRICS_TOKEN, 401 without it (the
scheduler's node token is not it); tasks running, queue depth, result outbox depth, tasks
finished by outcome, host results by status and the task duration histogram, through a served
node whose executor (the node's executor seam) ends each host as its name says."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

import httpx

from noc_contracts import REVEAL, HostResult, StepStatus, TaskRequest
from noc_node.app import create_app
from noc_node.core.config import Settings
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import RunEnd, now
from tests.node.conftest import TOKEN, local_host, task
from tests.node.receiver import Receiver
from tests.support.server import ServerThread

METRICS_TOKEN = "metrics-token-0123456789"
SCRAPE = {"Authorization": f"Bearer {METRICS_TOKEN}"}
NODE = {"Authorization": f"Bearer {TOKEN}"}
RESULTS = "/internal/v1/results"

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


class ByName(BaseExecutor):
    """A host named ``bad-*`` fails, any other is ok, after ``delay_s``; a host named
    ``hold-*`` waits for ``gate`` first."""

    def __init__(self, delay_s: float = 0.2) -> None:
        self.delay_s = delay_s
        self.gate = threading.Event()

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        for host in request.hosts:
            if host.name.startswith("hold-"):
                self.gate.wait(20)
            time.sleep(self.delay_s)
            status = StepStatus.failed if host.name.startswith("bad-") else StepStatus.ok
            report([HostResult(host=host.name, status=status, started_at=started_at,
                               finished_at=now())])
        return RunEnd(StepStatus.ok, "")


def samples(text: str) -> Samples:
    from prometheus_client.parser import text_string_to_metric_families

    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def scrape(base: str) -> Samples:
    response = httpx.get(f"{base}/metrics", headers=SCRAPE, timeout=10)
    assert response.status_code == 200, response.text
    return samples(response.text)


def submit(base: str, task_id: str, hosts: list[str]) -> None:
    request = task(task_id, "ping", {}, [local_host(h) for h in hosts])
    response = httpx.post(f"{base}/tasks", headers=NODE, timeout=10,
                          json=request.model_dump(mode="json", by_alias=True, context=REVEAL))
    assert response.status_code == 202, response.text


def wait(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 20
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_off_without_a_token(make_settings: Callable[..., Settings],
                             receiver: Receiver) -> None:
    app = create_app(make_settings(scheduler_url=receiver.url), executor=ByName())
    with ServerThread(app) as server:
        for headers in ({}, SCRAPE, NODE):
            response = httpx.get(f"{server.url}/metrics", headers=headers)
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "not_found"


def test_tasks_queue_outbox_and_outcomes(make_settings: Callable[..., Settings],
                                         receiver: Receiver) -> None:
    executor = ByName()
    receiver.script[RESULTS] = [503] * 10_000  # the scheduler refuses: results stay queued
    settings = make_settings(scheduler_url=receiver.url, workers=1, metrics_token=METRICS_TOKEN)
    with ServerThread(create_app(settings, executor=executor), stop_timeout_s=60) as server:
        base = server.url
        for headers in ({}, NODE, {"Authorization": "Bearer wrong-token-0123456789"}):
            response = httpx.get(f"{base}/metrics", headers=headers)
            assert response.status_code == 401, headers
            assert response.headers["www-authenticate"] == "Bearer"
        first = scrape(base)
        assert first[("noc_node_tasks_finished_total", (("outcome", "ok"),))] == 0
        assert first[("noc_node_result_outbox_depth", ())] == 0
        submit(base, "t-hold", ["hold-1"])  # the one worker is held on it
        submit(base, "t-waiting", ["ok-2"])
        wait(lambda: scrape(base)[("noc_node_tasks_running", ())] == 1, "a task running")
        held = scrape(base)
        assert held[("noc_node_queue_depth", ())] == 1
        executor.gate.set()
        submit(base, "t-mixed", ["ok-3", "bad-1"])
        wait(lambda: scrape(base)[("noc_node_task_duration_seconds_count", ())] == 3,
             "three tasks finished")
        found = scrape(base)
    outcomes = {dict(k)["outcome"]: v for (name, k), v in found.items()
                if name == "noc_node_tasks_finished_total"}
    assert outcomes == {"ok": 2, "failed": 1, "cancelled": 0, "error": 0, "skipped": 0}
    results = {dict(k)["status"]: v for (name, k), v in found.items()
               if name == "noc_node_host_results_total"}
    assert results["ok"] == 3 and results["failed"] == 1 and results["lost"] == 0
    assert found[("noc_node_task_duration_seconds_sum", ())] >= 4 * executor.delay_s
    assert found[("noc_node_tasks_running", ())] == 0
    assert found[("noc_node_queue_depth", ())] == 0
    assert found[("noc_node_result_outbox_depth", ())] == 4  # one per host, undelivered
