"""Our side of Ansible's filters and tests, where ansible-core cannot be the oracle: the step
status mapping, the bounds on hostile input, undefined arguments, save-time checks of literal
arguments, ``json_query`` against JMESPath, and the deliberate differences."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import UndefinedError

from noc_contracts import ProcedureGraph, validate_graph
from noc_contracts.expressions import BudgetExceeded, budget, check_expression, make_environment
from noc_contracts.expressions.vocabulary import FILTERS, TESTS, VocabularyError
from noc_contracts.expressions.vocabulary.bounds import MAX_INPUT_CHARS
from noc_contracts.expressions.vocabulary.results import FAILED_STATUSES
from noc_contracts.tasks import StepStatus

ENV = make_environment()


def ev(expression: str, **context: Any) -> Any:
    return ENV.compile_expression(expression, undefined_to_none=False)(**context)


def record(status: str, changed: bool = False) -> dict[str, Any]:
    return {"status": status, "changed": changed, "rc": 0, "stdout": "", "stderr": "",
            "msg": "", "facts": {}}


@pytest.mark.parametrize("status", list(StepStatus))
def test_every_step_status_maps_to_ansible_result_tests(status: StepStatus) -> None:
    step = record(status)
    failed = status != StepStatus.ok
    assert ev("s is failed", s=step) is failed and ev("s is failure", s=step) is failed
    assert ev("s is succeeded", s=step) is (not failed)
    assert ev("s is success", s=step) is (not failed)
    assert ev("s is unreachable", s=step) is (status == StepStatus.unreachable)
    assert ev("s is reachable", s=step) is (status != StepStatus.unreachable)
    assert ev("s is timedout", s=step) is (status == StepStatus.timeout)
    assert ev("s is skipped", s=step) is False
    assert (status in FAILED_STATUSES) is failed


def test_changed_and_ansible_shaped_results() -> None:
    assert ev("s is changed", s=record("ok", changed=True)) is True
    assert ev("s is change", s=record("failed")) is False
    assert ev("s is failed", s={"status": "ok", "failed": True}) is True  # Ansible's flag wins
    assert ev("s is changed", s={"results": [{"changed": False}, {"changed": True}]}) is True
    assert ev("s is skipped", s={"skipped": True, "changed": False}) is True


@pytest.mark.parametrize("expression", ["nope | bool", "nope is failed", "nope | b64encode",
                                        "'x' | regex_search(nope)", "nope is version('1')"])
def test_an_undefined_argument_is_the_undefined_error(expression: str) -> None:
    with pytest.raises(UndefinedError, match="'nope' is undefined"):
        ev(expression)


def test_mandatory_names_what_is_missing() -> None:
    with pytest.raises(VocabularyError, match="mandatory variable 'nope' not defined"):
        ev("nope | mandatory")
    with pytest.raises(VocabularyError, match=r"^mandatory: set the ticket$"):
        ev("nope | mandatory('set the ticket')")
    assert ev("nope | default('d') | mandatory") == "d"


def test_regexes_are_capped() -> None:
    with pytest.raises(VocabularyError, match="regex_search: the pattern is over"):
        ev("'x' | regex_search(p)", p="a" * 2_001)
    with pytest.raises(VocabularyError, match="regex_findall: the input is"):
        ev("s | regex_findall('a')", s="a" * (MAX_INPUT_CHARS + 1))
    with pytest.raises(VocabularyError, match="regex: unknown match_type"):
        ev("'x' is regex('x', match_type='__class__')")


def test_regex_replace_stops_when_the_result_outgrows_the_budget() -> None:
    # checked match by match: it stops as it passes the limit, not after building it all
    with budget(seconds=5, max_output=10_000), \
            pytest.raises(BudgetExceeded, match="would produce 10,100 characters"):
        ev("s | regex_replace('', r)", s="a" * 1_000, r="b" * 100)
    with budget(seconds=5, max_output=10_000):
        assert ev("s | regex_replace('a', 'bb')", s="a" * 1_000) == "b" * 2_000


def test_regex_replace_mandatory_count() -> None:
    assert ev("'aXa' | regex_replace('a', 'b', mandatory_count=2)") == "bXb"
    with pytest.raises(VocabularyError, match="1 replacements made, 2 required"):
        ev("'aX' | regex_replace('a', 'b', mandatory_count=2)")


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
    for i in range(8))


def test_from_yaml_is_safe_and_bounded() -> None:
    with budget(seconds=5, max_output=100_000), \
            pytest.raises(VocabularyError, match="expands to over 100,000 items"):
        ev("y | from_yaml", y=BILLION_LAUGHS)
    with pytest.raises(VocabularyError, match="nests deeper than 100 levels"):
        ev("'a: &a [*a]' | from_yaml")
    with pytest.raises(VocabularyError, match="from_yaml: could not determine a constructor"):
        ev("'!!python/object/apply:os.system [id]' | from_yaml")
    assert ev("'when: 2024-05-01' | from_yaml") == {"when": "2024-05-01"}  # ISO text, not date


def test_serialisers_refuse_options_they_do_not_know() -> None:
    with pytest.raises(VocabularyError, match="to_json: unknown option 'cls'"):
        ev("{} | to_json(cls=1)")
    with pytest.raises(VocabularyError, match="indent is over 64"):
        ev("[1] | to_nice_json(indent=100000)")
    with pytest.raises(VocabularyError, match="hash: unsupported hash type 'shake_128'"):
        ev("'x' | hash('shake_128')")
    with pytest.raises(VocabularyError, match=r"b64decode: .*padding"):
        ev("'aGk' | b64decode")


def test_json_query_is_jmespath() -> None:
    hosts = {"hosts": [{"name": "web1", "state": "up", "load": 3},
                       {"name": "web2", "state": "down", "load": 9}]}
    assert ev("d | json_query(\"hosts[?state=='up'].name\")", d=hosts) == ["web1"]
    assert ev("d | json_query('max_by(hosts, &load).name')", d=hosts) == "web2"
    assert ev("d | json_query('nothing')", d=hosts) is None
    with pytest.raises(VocabularyError, match="json_query: "):
        ev("d | json_query('hosts[?')", d=hosts)


def test_version_is_also_a_filter_and_unique_returns_a_list() -> None:
    assert ev("'1.18.0' | version('1.16', '>=')") is True
    assert ev("['A', 'a', 'b'] | unique") == ["A", "b"]
    assert ev("['A', 'a'] | unique(case_sensitive=True)") == ["A", "a"]
    assert ev("[{'n': 1}, {'n': 1}, {'n': 2}] | unique(attribute='n') | length") == 2


@pytest.mark.parametrize(("source", "fragment"), [
    ("host.name | regex_search('(')", "regex_search: bad pattern '('"),
    ("host.name is match('[a-')", "match: bad pattern"),
    ("host.name | regex_replace('a{2,1}', 'b')", "regex_replace: bad pattern"),
    ("host.vars | json_query('a[')", "json_query: "),
    ("host.name is version('1', '~=')", "version: unknown operator '~='"),
    ("host.name | no_such_filter", "no filter named 'no_such_filter'"),
    ("host.name is no_such_test", "no test named 'no_such_test'"),
])
def test_save_refuses_literal_arguments_that_cannot_work(source: str, fragment: str) -> None:
    problems = check_expression(source)
    assert any(fragment in p and p.startswith("does not compile") for p in problems), problems


def test_a_procedure_with_a_broken_literal_regex_is_refused_naming_node_and_field() -> None:
    graph = ProcedureGraph.model_validate({
        "nodes": [{"id": "check", "type": "task", "task": "ping", "params": {}},
                  {"id": "up?", "type": "decision",
                   "condition": "steps.check is succeeded and steps.check.stdout is search('(')"},
                  {"id": "ok", "type": "end"}, {"id": "bad", "type": "end", "result": "failure"}],
        "edges": [{"from": "check", "to": "up?", "on": "success"},
                  {"from": "check", "to": "bad", "on": "failure"},
                  {"from": "up?", "to": "ok", "on": "true"},
                  {"from": "up?", "to": "bad", "on": "false"}],
        "start": "check"})
    [problem] = validate_graph(graph)
    assert (problem.node, problem.field) == ("up?", "condition")
    assert "search: bad pattern '('" in problem.message


def test_save_accepts_the_ansible_vocabulary() -> None:
    for source in ["steps.check is succeeded and steps.check.stdout is search('up')",
                   "host.vars.v is version(vars.min, '>=')", "host.name | regex_search(vars.p)",
                   "vars.flag | bool | ternary('a', 'b')", "host.vars | dict2items | length"]:
        assert check_expression(source, steps=["check"]) == [], source


def test_vocabulary_is_complete() -> None:
    for name in ["bool", "ternary", "mandatory", "regex_search", "regex_replace",
                 "regex_findall", "regex_escape", "version", "combine", "dict2items",
                 "items2dict", "to_json", "from_json", "to_yaml", "from_yaml", "to_nice_json",
                 "json_query", "b64encode", "b64decode", "hash", "checksum", "quote",
                 "basename", "dirname", "split", "flatten", "unique", "union", "intersect",
                 "difference", "zip", "human_readable", "human_to_bytes"]:
        assert name in FILTERS and name in ENV.filters
    for name in ["succeeded", "success", "failed", "failure", "changed", "change", "skipped",
                 "skip", "reachable", "unreachable", "truthy", "falsy", "contains", "any",
                 "all", "subset", "superset", "match", "search", "regex", "version",
                 "version_compare"]:
        assert name in TESTS and name in ENV.tests
    for jinja_own in ["default", "d", "int", "float", "string", "select", "map"]:
        assert jinja_own in ENV.filters
