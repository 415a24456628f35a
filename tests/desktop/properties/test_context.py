"""The names an expression may use and the live expression checks, without Qt."""

from __future__ import annotations

from noc_contracts import CATALOGUE
from noc_desktop.canvas.properties.context import ExpressionContext, ItemsText, context_of

CONTEXT = context_of([("check", "task", "service_status"), ("up?", "decision", None),
                      ("tries", "loop", None), ("start", "task", "service"),
                      ("alert", "task", "telegram"), ("ok", "end", None)])


def test_names_list_the_procedure_s_tasks_with_their_facts_and_its_loops() -> None:
    names = {n.text: n.detail for n in CONTEXT.names()}
    for fact, detail in CATALOGUE["service_status"].facts.items():
        assert names[f"steps.check.facts.{fact}"] == detail
    for step in ("check", "start", "alert"):
        for field in ("status", "changed", "rc", "stdout", "stderr", "msg"):
            assert f"steps.{step}.{field}" in names
    assert "steps.up?.status" not in names and "steps.ok.status" not in names
    assert {f"loop.tries.{f}" for f in ("index", "index0", "item", "done")} <= set(names)
    assert {"host.name", "host.address", "host.groups", "host.vars.*", "vars.*",
            "execution.id", "execution.procedure", "execution.started_at"} <= set(names)


def test_a_task_type_without_documented_facts_offers_any_fact() -> None:
    names = [n.text for n in ExpressionContext(tasks={"pkgs": "package"}).names()]
    assert "steps.pkgs.facts.*" in names
    wild = next(n for n in ExpressionContext().names() if n.text == "vars.*")
    assert wild.insert_text == "vars."


def test_expressions_are_checked_against_the_procedure_s_ids() -> None:
    assert CONTEXT.check_expression("steps.check.facts.state == 'running'") == []
    assert CONTEXT.check_expression("") == []
    assert CONTEXT.check_expression("steps.check.rc ==")[0].startswith("does not compile")
    assert "no task node 'gone'" in CONTEXT.check_expression("steps.gone.rc == 0")[0]
    assert "no filter named 'nope'" in CONTEXT.check_expression("host.name | nope")[0]
    assert CONTEXT.check_expression("loop.tries.index < 3") == []


def test_templates_are_checked_and_plain_text_is_not() -> None:
    assert CONTEXT.check_template("nginx down on {{ host.name }}") == []
    assert CONTEXT.check_template("100% {broken") == []
    assert "unknown field" in CONTEXT.check_template("{{ host.nam }}")[0]


def test_items_are_a_json_list_or_a_template() -> None:
    assert ItemsText.parse('["a", 2]') == ["a", 2]
    assert ItemsText.parse("{{ vars.hosts }}") == "{{ vars.hosts }}"
    assert ItemsText.parse("  ") is None
    assert ItemsText.parse("[1, 2") is ItemsText.INVALID
    assert ItemsText.parse('{"a": 1}') is ItemsText.INVALID
    assert ItemsText.format(["a", 2]) == '["a", 2]'
    assert ItemsText.format(None) == ""
