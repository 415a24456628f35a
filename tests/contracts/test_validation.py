"""Graph validation: every rule reports the node and field, all problems at once."""

from typing import Any

import pytest

from noc_contracts import ProcedureGraph, validate_graph


def task(node_id: str, task_type: str = "ping", **params: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "task", "task": task_type, "params": params}


def edge(a: str, b: str, on: str = "success") -> dict[str, str]:
    return {"from": a, "to": b, "on": on}


def graph(nodes: list[dict[str, Any]], edges: list[dict[str, str]], start: str = "a") -> ProcedureGraph:
    return ProcedureGraph.model_validate({"nodes": nodes, "edges": edges, "start": start})


END = {"id": "end", "type": "end"}


def problems(g: ProcedureGraph) -> set[tuple[str | None, str | None]]:
    return {(p.node, p.field) for p in validate_graph(g)}


def test_a_valid_two_step_graph_has_no_problems() -> None:
    g = graph([task("a"), task("b", "file", path="/tmp/x"), END],
              [edge("a", "b"), edge("b", "end")])
    assert validate_graph(g) == []


@pytest.mark.parametrize(
    ("g", "expected"),
    [
        (graph([task("a"), END], [edge("a", "end")], start="nope"), (None, "start")),
        (graph([task("a"), END, task("a")], [edge("a", "end")]), ("a", "id")),
        (graph([task("a"), END], [edge("a", "ghost")]), ("a", "edges.0.to")),
        (graph([task("a"), END], [edge("a", "end"), edge("ghost", "end")]), ("ghost", "edges.1.from")),
        (graph([task("a"), END], [edge("a", "end", "true")]), ("a", "edges.0.on")),
        (graph([task("a"), END, task("b")], [edge("a", "end"), edge("a", "b")]), ("a", "edges.1.on")),
        (graph([task("a"), END, task("lonely")], [edge("a", "end"), edge("lonely", "end")]),
         ("lonely", "id")),
        (graph([task("a", "teleport"), END], [edge("a", "end")]), ("a", "task")),
        (graph([task("a", "file"), END], [edge("a", "end")]), ("a", "params.path")),
        (graph([task("a", "ping", bogus=1), END], [edge("a", "end")]), ("a", "params.bogus")),
        (graph([task("a"), END], []), ("a", "edges")),
        (graph([task("a"), task("b"), END], [edge("a", "b"), edge("b", "a"), edge("a", "end", "failure")]),
         ("a", "edges")),
    ],
    ids=["no-start", "duplicate-id", "dangling-to", "dangling-from", "wrong-kind", "two-success",
         "unreachable", "unknown-task", "missing-param", "extra-param", "task-without-success",
         "cycle-without-loop"],
)
def test_each_rule_names_node_and_field(g: ProcedureGraph, expected: tuple[str, str]) -> None:
    assert expected in problems(g)


def test_a_cycle_through_a_loop_is_allowed() -> None:
    g = graph(
        [task("a"), {"id": "l", "type": "loop", "max_iterations": 3}, END],
        [edge("a", "l"), edge("l", "a", "body"), edge("l", "end", "done")],
    )
    assert validate_graph(g) == []


def test_templated_params_are_left_for_run_time_but_expressions_are_checked() -> None:
    g = graph([task("a", "copy", dest="/tmp/{{ host.name }}", content="x"), END], [edge("a", "end")])
    assert validate_graph(g) == []
    bad = graph([task("a", "copy", dest="/tmp/{{ host.name", content="x"), END], [edge("a", "end")])
    assert [(p.node, p.field) for p in validate_graph(bad)] == [("a", "params.dest")]


@pytest.mark.parametrize(("params", "field", "fragment"), [
    ({"port": 22, "bogus": "{{ host.name }}"}, "params.bogus", "Extra inputs"),
    ({"port": "{{ host.vars.port | nope }}"}, "params.port", "no filter named 'nope'"),
    ({"port": "{{ steps.ghost.rc }}"}, "params.port", "no task node 'ghost'"),
])
def test_templated_params_are_checked_on_save(params: dict[str, Any], field: str,
                                              fragment: str) -> None:
    g = graph([task("a", "port_open", **params), END], [edge("a", "end")])
    found = [p for p in validate_graph(g) if (p.node, p.field) == ("a", field)]
    assert found and fragment in found[0].message, validate_graph(g)


def test_nested_param_templates_and_conditions_are_checked() -> None:
    g = graph([task("a", "email", to=["{{ vars.to | nope }}"], subject="s", body="b"),
               {"id": "d", "type": "decision", "condition": "steps.a.stauts == 'ok'"},
               {"id": "l", "type": "loop", "max_iterations": 2, "while": "loop.x.index < 2"},
               END],
              [edge("a", "d"), edge("d", "l", "true"), edge("d", "end", "false"),
               edge("l", "end", "body"), edge("l", "end", "done")])
    assert problems(g) >= {("a", "params.to.0"), ("d", "condition"), ("l", "while")}


def test_every_problem_is_reported_at_once() -> None:
    g = graph([task("a", "teleport"), task("b", "file"), END],
              [edge("a", "b"), edge("b", "ghost")])
    found = problems(g)
    assert {("a", "task"), ("b", "params.path"), ("b", "edges.1.to")} <= found


def test_command_types_need_the_procedures_opt_in() -> None:
    for task in ("command", "command_check"):
        raw = {"nodes": [{"id": "run", "type": "task", "task": task, "params": {"cmd": "id"}},
                         {"id": "ok", "type": "end"}],
               "edges": [{"from": "run", "to": "ok", "on": "success"}], "start": "run"}
        problems = validate_graph(ProcedureGraph.model_validate(raw))
        assert [(p.node, p.field) for p in problems] == [("run", "task")]
        assert "allow_command" in problems[0].message
        assert validate_graph(ProcedureGraph.model_validate({**raw, "allow_command": True})) == []


def test_every_task_type_lists_its_facts_and_a_form_schema() -> None:
    from noc_contracts import CATALOGUE, task_type_spec

    for spec in map(task_type_spec, CATALOGUE.values()):
        props = spec.params_schema.get("properties", {})
        assert all("title" in p for p in props.values()), spec.name
        if spec.kind == "monitoring" and spec.name != "ping":
            assert spec.facts, spec.name
    assert task_type_spec(CATALOGUE["command"]).requires_allow_command is True
    assert task_type_spec(CATALOGUE["copy"]).requires_allow_command is False


def test_notes_are_never_run_but_their_ids_are_unique() -> None:
    note = {"id": "n", "text": "hello", "x": 0, "y": 0}
    body = {"nodes": [task("a"), END], "edges": [edge("a", "end")], "start": "a"}
    assert validate_graph(ProcedureGraph.model_validate({**body, "notes": [note]})) == []
    twice = ProcedureGraph.model_validate({**body, "notes": [note, note]})
    assert problems(twice) == {(None, "notes.1.id")}
