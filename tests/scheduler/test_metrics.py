"""``GET /metrics`` of the scheduler: off (404) without NOC_SCHEDULER_METRICS_TOKEN, 401 without
the right bearer token; a run through the served scheduler (fake backend and node) shows in the
counts by status, the dispatch and result latency histograms, the queue depth and the node's
health, running and capacity. The counts are one query each, however many rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_scheduler.app import create_app
from noc_scheduler.metrics.gauges import DatabaseGauges
from noc_scheduler.nodes import registry
from noc_scheduler.store.models import Node, Step
from tests.scheduler.conftest import API_TOKEN, NODE_TOKEN, Stack, make_settings
from tests.scheduler.harness import wait_for
from tests.scheduler.test_flows_http import CHECK_THEN_ACT, finished, run_now
from tests.support.pool import exhausted_pool
from tests.support.server import ServerThread
from tests.support.services import postgres_database
from tests.support.statements import Statements

TOKEN = "metrics-token-0123456789"
SCRAPE = {"Authorization": f"Bearer {TOKEN}"}

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"metrics_token": TOKEN}


def samples(text: str) -> Samples:
    from prometheus_client.parser import text_string_to_metric_families

    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def scrape(target: Stack | str) -> Samples:
    url = target if isinstance(target, str) else target.url
    response = httpx.get(f"{url}/metrics", headers=SCRAPE, timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    return samples(response.text)


def by_status(found: Samples, name: str) -> dict[str, float]:
    return {dict(labels)["status"]: value for (n, labels), value in found.items() if n == name}


def test_refusals(stack: Stack) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"},
                    {"Authorization": f"Bearer {API_TOKEN}"},
                    {"Authorization": f"Bearer {NODE_TOKEN}"}):
        response = httpx.get(f"{stack.url}/metrics", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("scheduler_overrides", [{}])
def test_off_without_a_token(stack: Stack) -> None:
    response = httpx.get(f"{stack.url}/metrics", headers=SCRAPE)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_run_shows_in_counts_latencies_and_nodes(stack: Stack) -> None:
    before = scrape(stack)
    assert before[("noc_scheduler_dispatch_latency_seconds_count", ())] == 0
    assert by_status(before, "noc_scheduler_executions")["success"] == 0
    stack.backend.resolved = CHECK_THEN_ACT  # two hosts, two steps each
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), what="execution_finished")
    found = scrape(stack)
    with Statements(stack.rt.db, this_thread_only=True) as statements:
        assert list(DatabaseGauges(stack.rt).collect())  # what a scrape runs, in this thread
    assert statements.count == 4  # executions, host runs, steps (grouped); the nodes
    assert by_status(found, "noc_scheduler_executions")["success"] == 1
    assert by_status(found, "noc_scheduler_host_runs")["success"] == 2
    assert by_status(found, "noc_scheduler_steps") == {"pending": 0, "dispatched": 0,
                                                       "done": 4}
    assert found[("noc_scheduler_dispatch_latency_seconds_count", ())] == 4
    assert found[("noc_scheduler_result_latency_seconds_count", ())] == 4
    with stack.rt.db.connection_context():
        steps = list(Step.select())
    longest = max((s.finished_at - s.dispatched_at).total_seconds() for s in steps)
    assert 0 < found[("noc_scheduler_result_latency_seconds_sum", ())] <= 4 * longest + 0.01
    assert found[("noc_scheduler_queue_depth", ())] == 0
    assert found[("noc_scheduler_database_up", ())] == 1
    node = stack.node.name
    assert found[("noc_scheduler_node_health", (("health", "up"), ("name", node)))] == 1
    assert found[("noc_scheduler_node_capacity", (("name", node),))] == 4
    assert found[("noc_scheduler_node_running", (("name", node),))] == 0


def test_a_full_connection_pool_is_database_down_not_a_failed_scrape(tmp_path: Path) -> None:
    """peewee's ``MaxConnectionsExceeded`` is a ValueError, not a database error: the scrape
    still answers, ``noc_scheduler_database_up 0`` and the queue depth."""
    with postgres_database() as url:
        app = create_app(make_settings(tmp_path, url, metrics_token=TOKEN, pool_size=1),
                         background=False)
        with ServerThread(app) as server:  # its lifespan closes the runtime
            assert scrape(server.url)[("noc_scheduler_database_up", ())] == 1
            with exhausted_pool(app.state.runtime.db):
                found = scrape(server.url)
            assert found[("noc_scheduler_database_up", ())] == 0
            assert not any(name == "noc_scheduler_executions" for name, _ in found)
            assert found[("noc_scheduler_queue_depth", ())] == 0
            assert scrape(server.url)[("noc_scheduler_database_up", ())] == 1


def test_a_silent_node_is_down_and_waiting_messages_are_the_queue_depth(
        tmp_path: Path) -> None:
    """No consumer (``background=False``): what is enqueued stays in the queue."""
    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 's.db'}",
                                   metrics_token=TOKEN), background=False)
    rt = app.state.runtime
    with rt.db.connection_context(), rt.db.atomic():
        registry.register(rt.box, "quiet", "http://127.0.0.1:9", NODE_TOKEN, capacity=7)
        Node.update(running=3).where(Node.name == "quiet").execute()
    rt.enqueue_cancel("task-1", "quiet")
    rt.enqueue_cancel("task-2", "quiet")
    with ServerThread(app) as server:
        found = scrape(server.url)
    assert found[("noc_scheduler_node_health", (("health", "down"), ("name", "quiet")))] == 1
    assert found[("noc_scheduler_node_running", (("name", "quiet"),))] == 3
    assert found[("noc_scheduler_node_capacity", (("name", "quiet"),))] == 7
    assert found[("noc_scheduler_queue_depth", ())] == 2
