"""Ansible's expression language, with ansible-core as the oracle: each `when:`-style condition
and templated expression below is evaluated by our sandbox and by ansible-core 2.19's own
templar over the same context, and must give the same value.

The step records are given to Ansible in the shape it registers a task result (``failed``,
``changed``, ``unreachable``, ``timedout``, plus the same ``status``/``rc``/``stdout``/``facts``),
so that ``is succeeded`` and friends compare meaningfully; ours get the records the engine
stores (``status``, no flags) and map them (``vocabulary/results.py`` has the table).

Deliberate differences (each pinned in ``test_deliberate_differences``):
- the set filters (``union``, ``intersect``, ``difference``, ``symmetric_difference``) keep
  first-seen order; Ansible returns Python set order, which for strings varies between runs.
  Their rows compare sorted.
- ``from_yaml`` turns YAML dates into ISO text (results are JSON data); Ansible keeps ``date``.
- a condition is Python truth (``bool(value)``); ansible-core 2.19 refuses a non-boolean
  conditional result. Every row here is boolean, so both agree.
- ``version`` is also a filter here (Ansible has only the test).
- string literals decode backslash escapes as plain Jinja and Ansible's ``when:`` do
  (``'\\d'`` is ``\\d``); Ansible's templated task args do not (YAML already did).
- ``json_query`` lives in community.general, not ansible-core: pinned against JMESPath itself.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from noc_contracts.expressions import make_environment
from tests.support import ansible_oracle

RECORDS: dict[str, dict[str, Any]] = {
    "check": {"status": "ok", "changed": False, "rc": 0,
              "stdout": "nginx version: nginx/1.18.0 (Ubuntu)\nbuilt with OpenSSL 1.1.1f",
              "stderr": "", "msg": "",
              "facts": {"state": "running", "pid": 1234, "uptime_s": 86400,
                        "listen": ["0.0.0.0:80", "[::]:80"],
                        "config": {"workers": 4, "gzip": "on"}}},
    "restart": {"status": "failed", "changed": True, "rc": 1, "stdout": "",
                "stderr": "Job for nginx.service failed because the control process exited",
                "msg": "non-zero return code", "facts": {}},
    "disk": {"status": "ok", "changed": False, "rc": 0,
             "stdout": "/dev/sda1 50G 45G 5G 90% /\n/dev/sdb1 100G 10G 90G 10% /data",
             "stderr": "", "msg": "",
             "facts": {"usage": {"/": 90, "/data": 10},
                       "report": '{"mounts": [{"path": "/", "pct": 90}, '
                                 '{"path": "/data", "pct": 10}]}'}},
    "ping": {"status": "unreachable", "changed": False, "rc": None, "stdout": "",
             "stderr": "", "msg": "ssh: connect to host 10.0.0.11 port 22: timed out",
             "facts": {}},
    "deploy": {"status": "timeout", "changed": True, "rc": None, "stdout": "half done",
               "stderr": "", "msg": "timed out after 60 s", "facts": {}},
}
FAILED = {"failed", "error", "lost", "timeout", "unreachable", "cancelled"}

BASE: dict[str, Any] = {
    "host": {"name": "web1", "address": "10.0.0.11", "port": 22, "user": "noc",
             "connection": "ssh", "groups": ["web", "dc1"],
             "vars": {"role": "frontend", "nginx_version": "1.18.0", "disks": ["sda", "sdb"],
                      "maintenance": "no", "limits": {"cpu": 80, "mem": "2 GB"},
                      "tags": {"env": "prod", "team": "edge"}}},
    "loop": {"tries": {"index": 2, "index0": 1, "item": "sdb", "done": False},
             "each": {"index": 1, "index0": 0, "item": {"name": "nginx", "port": 80}}},
    "vars": {"ticket": "INC-1234", "force": "yes", "threshold": 85,
             "services": ["nginx", "php-fpm", "nginx"], "dry_run": False,
             "min_version": "1.16", "yaml_blob": "a: 1\nb: [x, y]\n", "count": "3",
             "secret_b64": "czNjcmV0", "size": "1.5 GB"},
    "execution": {"id": "e-1", "procedure": "nginx-health",
                  "started_at": "2024-05-01T03:00:00+00:00"},
}
OURS = {**BASE, "steps": RECORDS}


def registered(record: dict[str, Any]) -> dict[str, Any]:
    """The step as Ansible registers a task result."""
    shaped = {**record, "failed": record["status"] in FAILED,
              "unreachable": record["status"] == "unreachable"}
    if record["status"] == "timeout":
        shaped["timedout"] = {"period": 60}
    return shaped


ANSIBLE = {**BASE, "steps": {k: registered(v) for k, v in RECORDS.items()}}

CONDITIONS = [
    # step results, as Ansible's registered-result tests read them
    "steps.check is succeeded", "steps.check is success", "steps.check is not failed",
    "steps.restart is failed", "steps.restart is failure", "steps.restart is changed",
    "steps.check is not changed", "steps.check is not skipped", "steps.restart is not skip",
    "steps.ping is unreachable", "steps.ping is failed", "steps.check is reachable",
    "steps.deploy is timedout", "steps.deploy is failed and steps.deploy is change",
    "steps.check.rc == 0 and steps.check.facts.state == 'running'",
    "steps.restart.rc != 0 or steps.restart.stderr | length > 0",
    # regular expressions
    r"steps.check.stdout is search('nginx/1\\.1[0-9]')",
    "steps.check.stdout is match('nginx version')", "steps.check.stdout is not match('built')",
    "steps.check.stdout is regex('OPENSSL', ignorecase=True)",
    "steps.check.stdout is search('^built', multiline=True)",
    "steps.restart.stderr is search('failed because')",
    "host.name is match('web[0-9]+$')", r"vars.ticket is match('INC-\\d+')",
    "steps.check.stdout | regex_search('nginx/([0-9.]+)') == 'nginx/1.18.0'",
    # versions
    "host.vars.nginx_version is version('1.16', '>=')",
    "host.vars.nginx_version is version(vars.min_version, 'gt')",
    "host.vars.nginx_version is version_compare('1.20', '<')",
    "'7.10' is version('7.9', '>')", "'2.6.32-754.el6' is version('2.6.32-696', '>')",
    "'1.2.3-rc.1' is version('1.2.3', 'lt', version_type='semver')",
    "'1.0.0' is version('1.0.0+build5', '==', version_type='semantic')",
    "'1.2' is version('1.2.0', 'eq', strict=True)", "'1.2b1' is version('1.2', '<', strict=True)",
    "'1.0' is version('1.0.post1', '<', version_type='pep440')",
    # truth and booleans
    "vars.force | bool", "not (host.vars.maintenance | bool)", "not (vars.dry_run | bool)",
    "'On' | bool", "not ('maybe' | bool)", "vars.force is truthy(convert_bool=True)",
    "'off' is falsy(convert_bool=True)", "'' is falsy", "vars.services is truthy",
    # membership and lists
    "'web' in host.groups", "host.groups is contains('dc1')", "'db' not in host.groups",
    "['web'] is subset(host.groups)", "host.groups is superset(['dc1'])",
    "host.vars.disks | length == 2", "[true, steps.check.rc == 0] is all",
    "[false, steps.restart is failed] is any", "'sdb' in host.vars.disks",
    "loop.tries.item in host.vars.disks and loop.tries.index <= 3",
    "loop.each.item.port == 80", "vars.services | unique | length == 2",
    "(host.vars.disks | union(['sdc'])) | length == 3",
    # numbers and sizes
    "vars.count | int + 1 == 4", "(vars.threshold | float) > 80.5",
    "steps.check.facts.uptime_s > 3600", "vars.size | human_to_bytes > 1024 ** 3",
    r"(steps.disk.stdout | regex_findall('(\\d+)%') | map('int') | max) >= vars.threshold",
    "steps.disk.facts.usage['/'] >= vars.threshold",
    # data formats and structures
    "(steps.disk.facts.report | from_json).mounts[0].pct == 90",
    "(vars.yaml_blob | from_yaml).b | length == 2",
    "(host.vars.tags | dict2items | length) == 2",
    "(host.vars.tags | combine({'env': 'dev'})).env == 'dev'",
    "vars.secret_b64 | b64decode == 's3cret'",
    "vars.undefined_flag | default(false) | bool == false",
    "vars.missing is not defined and host.vars.role is defined",
    "vars.ticket | ternary(true, false)",
    r"host.address | regex_replace('\\.\\d+$', '.0') == '10.0.0.0'",
]

EXPRESSIONS = [
    r"steps.check.stdout | regex_search('nginx/([0-9.]+)', '\\1')",
    r"steps.check.stdout | regex_search('(?P<v>[0-9]+\\.[0-9]+)', '\\g<v>')",
    r"steps.disk.stdout | regex_findall('(\\S+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+)%')",
    r"steps.check.stdout | regex_replace('nginx/(\\d+)', 'nginx-v\\1', count=1)",
    "'a.b*c' | regex_escape", "'a.b*c' | regex_escape('posix_basic')",
    "steps.check.stdout | regex_search('nothing here')",
    "host.vars.limits | combine({'cpu': 90, 'io': {'r': 1}}, recursive=True)",
    "{'a': {'l': [1, 2]}} | combine({'a': {'l': [2, 3]}}, recursive=True, "
    "list_merge='append_rp')",
    "[{'a': 1}, {'b': 2}] | combine", "host.vars.tags | dict2items",
    "host.vars.tags | dict2items(key_name='k', value_name='v') | items2dict(key_name='k', "
    "value_name='v')",
    "[1, [2, [3, [4]]], None, 'null'] | flatten", "[1, [2, [3, [4]]]] | flatten(levels=1)",
    "[1, 2] | zip(['a', 'b', 'c'])", "[1, 2] | zip_longest(['a'], fillvalue='-')",
    "host.vars.tags | to_json", "host.vars.tags | to_nice_json",
    "host.vars.tags | to_yaml", "host.vars | to_nice_yaml",
    "vars.yaml_blob | from_yaml", "steps.disk.facts.report | from_json",
    "host.name | b64encode", "host.name | hash('sha256')", "host.name | checksum",
    "host.name | md5", "\"it's \" ~ host.name | quote", "'/etc/nginx/nginx.conf' | basename",
    "'/etc/nginx/nginx.conf' | dirname", "'/etc/nginx/nginx.conf' | splitext",
    "['/etc', 'nginx', 'conf.d'] | path_join", "vars.ticket | split('-')",
    "'a b  c' | split", "1536 | human_readable", "3221225472 | human_readable(unit='M')",
    "1048576 | human_readable(isbits=True)", "'10M' | human_to_bytes",
    "'1 Kb' | human_to_bytes(isbits=True)", "'2.5' | human_to_bytes", "'.5K' | human_to_bytes",
    "steps.check.rc | ternary('up', 'down')", "None | ternary('y', 'n', 'unknown')",
    "vars.count | int * 2", "'3.5' | float", "steps.check.rc | string",
    "vars.services | unique", "host.vars.role | mandatory", "100 | log(10)", "2 | pow(10)",
    "27 | root(3)", "[3, 1, 2] | max", "vars.threshold | default(50)",
    "steps.check.facts.listen | map('regex_replace', ':80$', '') | list",
    "host.groups | select('match', 'd') | list",
]

SET_EXPRESSIONS = [
    "host.groups | union(['web', 'db'])", "host.vars.disks | intersect(['sdb', 'sdc'])",
    "vars.services | difference(['php-fpm'])", "['a', 'b'] | symmetric_difference(['b', 'c'])",
]

TEMPLATES = [
    "{{ host.name }} runs nginx {{ steps.check.stdout | regex_search('[0-9.]+') }}",
    "{% if steps.restart is failed %}restart failed: {{ steps.restart.msg }}{% endif %}",
    "{{ vars.ticket | lower }} on {{ host.groups | join(',') }}",
    "{{ '%s used' % (steps.disk.facts.usage['/'] ~ '%') }}",
]

BOTH_FAIL = [
    "'1.a' is version('1.2', '>')", "'' is version('1')", "'1' is version('1', '~=')",
    "'1.0' is version('1', 'eq', strict=True)", "vars.nope | mandatory",
    "'x' is failed", "[1] | dict2items", "['a'] | items2dict", "'[1, 2' | from_json",
    "'1 KiB' | human_to_bytes", "'hi' | hash('nope')", "5 | split",
]


ENV = make_environment()
KINDS = {"condition": CONDITIONS, "expression": [*EXPRESSIONS, *SET_EXPRESSIONS, *BOTH_FAIL],
         "template": TEMPLATES}


@pytest.fixture(scope="module")
def ansible() -> dict[tuple[str, str], dict[str, Any]]:
    """Every row of the table, evaluated once by ansible-core: (kind, source) -> answer."""
    items = [{"kind": kind, "source": source} for kind, rows in KINDS.items() for source in rows]
    answers = ansible_oracle.evaluate(ANSIBLE, items)
    return {(i["kind"], i["source"]): a for i, a in zip(items, answers, strict=True)}


def ours(expression: str) -> Any:
    return ENV.compile_expression(expression, undefined_to_none=False)(**OURS)


def data(value: Any) -> Any:
    return json.loads(json.dumps(value))


def expected(answers: dict[tuple[str, str], dict[str, Any]], kind: str, source: str) -> Any:
    answer = answers[kind, source]
    assert "ok" in answer, f"ansible-core failed on {source!r}: {answer['error']}"
    return answer["ok"]


def test_the_table_is_large_enough() -> None:
    assert len(CONDITIONS) + len(EXPRESSIONS) + len(SET_EXPRESSIONS) + len(TEMPLATES) >= 60


@pytest.mark.parametrize("condition", CONDITIONS)
def test_conditions_as_ansible(ansible: dict[Any, Any], condition: str) -> None:
    assert bool(ours(condition)) is expected(ansible, "condition", condition)


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_expressions_as_ansible(ansible: dict[Any, Any], expression: str) -> None:
    assert data(ours(expression)) == expected(ansible, "expression", expression)


@pytest.mark.parametrize("expression", SET_EXPRESSIONS)
def test_set_filters_as_ansible_in_first_seen_order(ansible: dict[Any, Any],
                                                    expression: str) -> None:
    mine = data(ours(expression))
    assert sorted(mine) == sorted(expected(ansible, "expression", expression))
    assert len(set(mine)) == len(mine)


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_as_ansible(ansible: dict[Any, Any], template: str) -> None:
    assert ENV.from_string(template).render(**OURS) == expected(ansible, "template", template)


@pytest.mark.parametrize("expression", BOTH_FAIL)
def test_errors_where_ansible_errors(ansible: dict[Any, Any], expression: str) -> None:
    assert "error" in ansible["expression", expression], ansible["expression", expression]
    with pytest.raises(Exception):  # any evaluation error: the sandbox maps them all
        ours(expression)
