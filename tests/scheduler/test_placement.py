"""Placement by node labels (SQLite and PostgreSQL), between a fake backend and fake nodes:
a host's steps go only to a healthy node whose labels hold its selector, the least loaded of
them; one request never mixes selectors (one site per batch); a host no healthy node matches
waits, then its step ends ``error`` naming the labels it needed; connection tests follow the
same placement."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from noc_scheduler.nodes import registry
from noc_scheduler.store.models import Step
from tests.scheduler.conftest import Stack
from tests.scheduler.harness import FakeNode, wait_for
from tests.scheduler.test_flows_http import finished, host, resolved, run_now
from tests.support.server import ServerThread

SP_TOKEN = "node-token-sp-0123456789"
TWO_STEPS = [{"id": "a", "type": "task", "task": "ping"},
             {"id": "b", "type": "task", "task": "ping"},
             {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}]
EDGES = [("a", "success", "b"), ("a", "failure", "bad"), ("b", "success", "ok"),
         ("b", "failure", "bad")]


@pytest.fixture
def scheduler_overrides() -> dict[str, Any]:
    return {"batching": True, "batch_window_s": 0.3, "placement_wait_s": 1.5}


@pytest.fixture
def sp_node(stack: Stack) -> Iterator[FakeNode]:
    """A second node, labelled site=sp; the stack's own node-1 becomes site=rio."""
    node = FakeNode("sp-1", SP_TOKEN, lambda: stack.url)
    with ServerThread(node.app) as served:
        with stack.rt.db.connection_context(), stack.rt.db.atomic():
            registry.register(stack.rt.box, "sp-1", served.url, SP_TOKEN,
                              labels={"site": "sp", "zone": "dmz"})
            registry.update("node-1", labels={"site": "rio"})
        assert node.heartbeat().status_code == 200
        yield node


def at(name: str, **selector: str) -> dict[str, Any]:
    return {**host(name), "node_selector": selector}


def served_hosts(node: FakeNode) -> list[list[str]]:
    return [sorted(h["name"] for h in r["hosts"]) for r in node.requests]


def test_each_host_runs_only_on_a_node_with_its_labels(stack: Stack, sp_node: FakeNode) -> None:
    run = resolved(TWO_STEPS, EDGES, [])
    run["hosts"] = [at("rio-a", site="rio"), at("rio-b", site="rio"), at("sp-a", site="sp"),
                    at("sp-b", site="sp", zone="dmz"), at("any-a")]
    stack.backend.resolved = run
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=20, what="the run")
    assert finished(stack, eid)[0]["status"] == "success"
    on_rio = {n for hosts in served_hosts(stack.node) for n in hosts}
    on_sp = {n for hosts in served_hosts(sp_node) for n in hosts}
    assert {"rio-a", "rio-b"} <= on_rio and not on_rio & {"sp-a", "sp-b"}
    assert {"sp-a", "sp-b"} <= on_sp and not on_sp & {"rio-a", "rio-b"}
    assert "any-a" in on_rio | on_sp
    # one request never mixes selectors: the two sp hosts differ (zone), so they go apart
    for request in stack.node.requests + sp_node.requests:
        selectors = {str(sorted(h["node_selector"].items())) for h in request["hosts"]}
        assert len(selectors) == 1, request["hosts"]
    assert ["rio-a", "rio-b"] in served_hosts(stack.node)  # same selector: one batch
    with stack.rt.db.connection_context():
        for step in Step.select():
            assert step.node == ("sp-1" if step.selector.startswith("site=sp") else
                                 "node-1" if step.selector == "site=rio" else step.node)


def test_a_host_no_healthy_node_matches_fails_naming_its_labels(
        stack: Stack, sp_node: FakeNode) -> None:
    run = resolved(TWO_STEPS, EDGES, [])
    run["hosts"] = [at("rio-a", site="rio"), at("lab-a", site="lab")]
    stack.backend.resolved = run
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.set_draining("sp-1", True)  # a draining node matches nobody either
    eid = run_now(stack)["execution_id"]
    with stack.rt.db.connection_context():
        wait_for(lambda: Step.select().where(Step.last_problem.is_null(False)).count() > 0,
                 timeout=10, what="the waiting step")
        waiting = Step.get(Step.last_problem.is_null(False))
    assert waiting.last_problem == "no healthy node with site=lab could take it"
    wait_for(lambda: finished(stack, eid), timeout=20, what="the run")
    steps = {(e["host"], e["step_id"]): e for e in stack.backend.of(eid, "step_finished")}
    failed = steps[("lab-a", "a")]
    assert failed["status"] == "error"
    assert failed["result"]["msg"] == "no healthy node with site=lab could take it within 1.5 s"
    assert steps[("rio-a", "b")]["status"] == "ok"
    assert all(r["hosts"][0]["name"] != "lab-a" for r in stack.node.requests + sp_node.requests)


def test_among_matching_nodes_the_least_loaded_is_chosen(stack: Stack,
                                                         sp_node: FakeNode) -> None:
    with stack.rt.db.connection_context(), stack.rt.db.atomic():
        registry.update("node-1", labels={"site": "sp"})
        registry.Node.update(queue_depth=3).where(registry.Node.name == "node-1").execute()
    run = resolved(TWO_STEPS[:1] + TWO_STEPS[2:], [("a", "success", "ok"), ("a", "failure", "bad")],
                   [])
    run["hosts"] = [at("sp-a", site="sp")]
    stack.backend.resolved = run
    eid = run_now(stack)["execution_id"]
    wait_for(lambda: finished(stack, eid), timeout=20, what="the run")
    assert served_hosts(sp_node) == [["sp-a"]] and stack.node.requests == []


def test_connection_tests_follow_the_placement(stack: Stack, sp_node: FakeNode) -> None:
    body = {"hosts": [at("rio-a", site="rio"), at("sp-a", site="sp"), at("lab-a", site="lab")],
            "timeout_s": 5}
    answer = stack.api("POST", "/internal/v1/probe", json=body)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert sorted(result["node"].split(", ")) == ["node-1", "sp-1"]
    by_host = {r["host"]: r for r in result["results"]}
    assert by_host["rio-a"]["status"] == by_host["sp-a"]["status"] == "ok"
    assert by_host["lab-a"]["status"] == "error"
    assert by_host["lab-a"]["msg"] == "no healthy node with site=lab can run the connection test"
    alone = stack.api("POST", "/internal/v1/probe",
                      json={"hosts": [at("lab-a", site="lab")], "timeout_s": 5})
    assert alone.status_code == 503 and "site=lab" in alone.json()["error"]["message"]
    assert isinstance(httpx.get(stack.url + "/healthz").json(), dict)
