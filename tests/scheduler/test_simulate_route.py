"""``POST /internal/v1/simulate``: the real scheduler app (its sandbox pool evaluating) walks a
graph with scripted outcomes; a graph that cannot run is a 422 naming the node; nothing is
stored."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from noc_scheduler.app import create_app
from noc_scheduler.store.models import Execution, HostRun
from tests.scheduler.conftest import API_TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {API_TOKEN}"}
HOST = {"name": "db1", "address": "10.0.0.9", "groups": ["db"], "vars": {"min_free": 20}}
GRAPH: dict[str, Any] = {
    "nodes": [{"id": "disk", "type": "task", "task": "disk_usage", "params": {"path": "/"}},
              {"id": "full?", "type": "decision",
               "condition": "steps.disk.facts.free_percent < host.vars.min_free"},
              {"id": "alert", "type": "task", "task": "telegram",
               "params": {"text": "{{ host.name }} at {{ steps.disk.facts.free_percent }}%"}},
              {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
    "edges": [{"from": "disk", "to": "full?", "on": "success"},
              {"from": "full?", "to": "alert", "on": "true"},
              {"from": "full?", "to": "ok", "on": "false"},
              {"from": "alert", "to": "bad", "on": "success"}],
    "start": "disk"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real scheduler app with its own sandbox pool (no consumer or loops)."""
    tmp = tmp_path_factory.mktemp("simulate")
    app = create_app(make_settings(tmp, f"sqlite:///{tmp / 's.db'}"), background=False)
    with TestClient(app) as served:
        yield served


def _simulate(client: TestClient, **body: Any) -> Any:
    return client.post("/internal/v1/simulate", headers=AUTH,
                       json={"graph": GRAPH, "host": HOST, **body})


def test_the_walk_follows_the_scripted_facts(client: TestClient) -> None:
    answer = _simulate(client, outcomes={"disk": [{"facts": {"free_percent": 7}}]})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["path"] == ["disk", "full?", "alert", "bad"]
    assert result["status"] == "failed" and not result["truncated"]
    decision = result["steps"][1]
    assert (decision["value"], decision["rendered"], decision["branch"]) == (True, True, "true")
    assert result["steps"][2]["params"] == {"text": "db1 at 7%"}


def test_other_facts_take_the_other_branch(client: TestClient) -> None:
    result = _simulate(client, outcomes={"disk": [{"facts": {"free_percent": 70}}]}).json()
    assert result["path"] == ["disk", "full?", "ok"] and result["status"] == "success"


def test_nothing_is_stored(client: TestClient) -> None:
    _simulate(client)
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.db.connection_context():
        assert Execution.select().count() == 0 and HostRun.select().count() == 0


def test_a_graph_that_cannot_run_is_422_naming_the_node(client: TestClient) -> None:
    broken = {**GRAPH, "edges": GRAPH["edges"][:-1]}  # 'bad' is no longer reachable
    answer = client.post("/internal/v1/simulate", headers=AUTH,
                         json={"graph": broken, "host": HOST})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_graph"
    assert "bad" in {d["node"] for d in error["details"]}


def test_an_outcome_for_a_node_that_is_not_a_task_is_422(client: TestClient) -> None:
    answer = _simulate(client, outcomes={"full?": [{"status": "ok"}]})
    assert answer.status_code == 422
    assert [d["field"] for d in answer.json()["error"]["details"]] == ["outcomes.full?"]


def test_the_step_bound_is_capped(client: TestClient) -> None:
    assert _simulate(client, max_steps=10_001).status_code == 422
