"""``simulate`` over small graphs, table-driven: the path, the final status and what each step
shows (outcome, condition value, loop counters, wait seconds), with the in-process evaluator."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from noc_contracts import HostRunStatus, SimulationResult, SimulationRun
from noc_scheduler.flow.evaluator import InProcessEvaluator
from noc_scheduler.simulation import simulate

EV = InProcessEvaluator()
HOST = {"name": "web1", "address": "10.0.0.1", "groups": ["web"], "vars": {"limit": 2}}


def task(node_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "task", "task": "ping", **extra}


def end(node_id: str, result: str = "success") -> dict[str, Any]:
    return {"id": node_id, "type": "end", "result": result}


def sim(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
        outcomes: dict[str, list[dict[str, Any]]] | None = None, **extra: Any
        ) -> SimulationResult:
    graph = {"nodes": nodes, "start": nodes[0]["id"],
             "edges": [{"from": a, "to": b, "on": on} for a, on, b in edges]}
    run = SimulationRun.model_validate({"graph": graph, "host": HOST,
                                        "outcomes": outcomes or {}, **extra})
    return simulate(run, EV, walk_budget_s=5.0, started_at=datetime(2031, 1, 1, tzinfo=UTC))


def walked(result: SimulationResult) -> list[tuple[str, int, str | None]]:
    return [(s.node_id, s.attempt, s.branch) for s in result.steps]


DECISION = ([task("a"), {"id": "d", "type": "decision", "condition": "steps.a.rc == 0"},
             end("yes"), end("no", "failure")],
            [("a", "success", "d"), ("d", "true", "yes"), ("d", "false", "no")])
BOUNDED = ([{"id": "l", "type": "loop", "max_iterations": 2}, task("a"), end("ok")],
           [("l", "body", "a"), ("a", "success", "l"), ("l", "done", "ok")])
WHILE = ([{"id": "l", "type": "loop", "max_iterations": 9,
           "while": "loop.l.index <= host.vars.limit"}, task("a"), end("ok")],
         [("l", "body", "a"), ("a", "success", "l"), ("l", "done", "ok")])
ITEMS = ([{"id": "l", "type": "loop", "max_iterations": 9, "items": "{{ host.groups + ['x'] }}"},
          task("a"), end("ok")],
         [("l", "body", "a"), ("a", "success", "l"), ("l", "done", "ok")])
RETRY = ([task("a", retries=2, retry_delay_s=30), end("ok")], [("a", "success", "ok")])
NO_FAILURE_EDGE = ([task("a"), end("ok")], [("a", "success", "ok")])
FAILURE_EDGE = ([task("a"), end("ok"), end("bad", "failure")],
                [("a", "success", "ok"), ("a", "failure", "bad")])
WAIT = ([{"id": "w", "type": "wait", "seconds": 90}, task("a"), end("ok")],
        [("w", "next", "a"), ("a", "success", "ok")])


@pytest.mark.parametrize(("case", "outcomes", "status", "steps"), [
    (DECISION, {"a": [{"rc": 0}]}, "success",
     [("a", 1, "success"), ("d", 1, "true"), ("yes", 1, None)]),
    (DECISION, {"a": [{"rc": 3}]}, "failed",
     [("a", 1, "success"), ("d", 1, "false"), ("no", 1, None)]),
    (BOUNDED, {}, "success", [("l", 1, "body"), ("a", 1, "success"), ("l", 1, "body"),
                              ("a", 1, "success"), ("l", 1, "done"), ("ok", 1, None)]),
    (WHILE, {}, "success", [("l", 1, "body"), ("a", 1, "success"), ("l", 1, "body"),
                            ("a", 1, "success"), ("l", 1, "done"), ("ok", 1, None)]),
    (ITEMS, {}, "success", [("l", 1, "body"), ("a", 1, "success"), ("l", 1, "body"),
                            ("a", 1, "success"), ("l", 1, "done"), ("ok", 1, None)]),
    (RETRY, {"a": [{"status": "failed"}, {"status": "timeout"}, {"status": "success"}]},
     "success", [("a", 1, "retry"), ("a", 2, "retry"), ("a", 3, "success"), ("ok", 1, None)]),
    (RETRY, {"a": [{"status": "failed"}] * 3}, "failed",
     [("a", 1, "retry"), ("a", 2, "retry"), ("a", 3, None)]),
    (NO_FAILURE_EDGE, {"a": [{"status": "failed"}]}, "failed", [("a", 1, None)]),
    (NO_FAILURE_EDGE, {"a": [{"status": "unreachable"}]}, "unreachable", [("a", 1, None)]),
    (FAILURE_EDGE, {"a": [{"status": "failed"}]}, "failed",
     [("a", 1, "failure"), ("bad", 1, None)]),
    (WAIT, {}, "success", [("w", 1, "next"), ("a", 1, "success"), ("ok", 1, None)]),
])
def test_walks(case: tuple[list[dict[str, Any]], list[tuple[str, str, str]]],
               outcomes: dict[str, list[dict[str, Any]]], status: str,
               steps: list[tuple[str, int, str | None]]) -> None:
    result = sim(*case, outcomes=outcomes)
    assert result.status == HostRunStatus(status)
    assert walked(result) == steps
    assert result.path == [s.node_id for s in result.steps if s.attempt == 1]
    assert not result.truncated


def test_a_decision_shows_its_condition_and_value() -> None:
    result = sim(*DECISION, outcomes={"a": [{"rc": 3}]})
    decision = result.steps[1]
    assert (decision.condition, decision.value, decision.rendered) == ("steps.a.rc == 0",
                                                                       False, False)
    assert result.steps[0].outcome is not None and result.steps[0].outcome.rc == 3
    assert result.steps[0].scripted


def test_a_condition_shows_its_own_value_before_its_truth() -> None:
    result = sim([task("a"), {"id": "d", "type": "decision", "condition": "steps.a.facts.free"},
                  end("yes"), end("no")], [("a", "success", "d"), ("d", "true", "yes"),
                                           ("d", "false", "no")],
                 outcomes={"a": [{"facts": {"free": [1, 2]}}]})
    assert (result.steps[1].value, result.steps[1].rendered) == (True, [1, 2])


def test_loops_show_their_counters_items_and_while() -> None:
    items = sim(*ITEMS)
    loops = [s.loop.model_dump() for s in items.steps if s.loop is not None]
    assert loops == [{"index": 1, "index0": 0, "item": "web", "done": False},
                     {"index": 2, "index0": 1, "item": "x", "done": False},
                     {"index": 2, "index0": 1, "item": "x", "done": True}]
    whiles = [(s.condition, s.value) for s in sim(*WHILE).steps if s.type == "loop"]
    assert whiles == [("loop.l.index <= host.vars.limit", True)] * 2 + [
        ("loop.l.index <= host.vars.limit", False)]


def test_waits_and_retry_delays_move_the_simulated_clock_without_sleeping() -> None:
    result = sim(*WAIT)
    assert (result.steps[0].wait_s, result.steps[1].at_s, result.elapsed_s) == (90.0, 90.0, 90.0)
    retried = sim(*RETRY, outcomes={"a": [{"status": "failed"}]})
    assert [(s.attempt, s.wait_s, s.at_s) for s in retried.steps[:2]] == [(1, None, 0.0),
                                                                           (2, 30.0, 30.0)]
    assert retried.elapsed_s == 30.0


def test_unscripted_tasks_take_the_default_outcome() -> None:
    result = sim(*FAILURE_EDGE, default_outcome={"status": "failed", "msg": "no"})
    assert result.steps[0].outcome is not None and result.steps[0].outcome.msg == "no"
    assert not result.steps[0].scripted and result.status == HostRunStatus.failed


def test_an_expression_error_in_a_decision_ends_the_run_on_that_node() -> None:
    result = sim([task("a"), {"id": "d", "type": "decision", "condition": "steps.a.nope.x"},
                  end("yes"), end("no")], [("a", "success", "d"), ("d", "true", "yes"),
                                           ("d", "false", "no")])
    assert result.status == HostRunStatus.failed and result.path == ["a", "d"]
    last = result.steps[-1]
    assert last.error and "'d' condition" in last.error and last.branch is None
    assert last.condition == "steps.a.nope.x"


def test_a_task_whose_params_fail_to_render_takes_its_failure_path() -> None:
    result = sim([task("a", task="service_status", params={"name": "{{ vars.missing }}"}),
                  end("ok"),
                  end("bad", "failure")], [("a", "success", "ok"), ("a", "failure", "bad")])
    assert result.path == ["a", "bad"]
    first = result.steps[0]
    assert first.outcome is not None and first.outcome.status == "error"
    assert first.error and "params.name" in first.error and first.branch == "failure"


def test_templated_params_are_rendered_for_the_host() -> None:
    result = sim([task("a", task="service_status",
                       params={"name": "{{ host.name }}-{{ vars.env }}"}), end("ok")],
                 [("a", "success", "ok")], vars={"env": "prod"})
    assert result.steps[0].params == {"name": "web1-prod"}


def test_the_step_bound_stops_an_endless_walk() -> None:
    nodes = [{"id": "l", "type": "loop", "max_iterations": 10_000}, task("a"), end("ok")]
    result = sim(nodes, [("l", "body", "a"), ("a", "success", "l"), ("l", "done", "ok")],
                 max_steps=50)
    assert result.truncated and result.status == HostRunStatus.running
    assert len(result.steps) == 50 and result.path == [s.node_id for s in result.steps]
