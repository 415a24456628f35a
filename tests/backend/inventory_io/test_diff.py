"""The dry-run plan: hosts to create, update (with each changed field) or leave; groups to create."""

from __future__ import annotations

from noc_backend.inventory_io import FieldChange, parse_ini, parse_yaml, plan_import

CURRENT = """
[web]
web1 ansible_host=10.0.0.1 http_port=80 tier=front
web2 ansible_host=10.0.0.2 http_port=80
[db]
db1 ansible_host=10.0.1.1
"""

INCOMING = """
all:
  children:
    web:
      vars: {http_port: 8080}
      hosts:
        web1: {ansible_host: 10.0.0.1}
        web2: {ansible_host: 10.0.0.2}
    db:
      hosts:
        db1: {ansible_host: 10.0.1.1}
    prod:
      children:
        db:
      hosts:
        new1: {ansible_host: 10.0.2.1, ansible_port: 2222}
"""


def test_merge_plan_lists_creates_updates_and_unchanged() -> None:
    plan = plan_import(parse_ini(CURRENT), parse_yaml(INCOMING))
    assert [h.name for h in plan.create_hosts] == ["new1"]
    assert plan.create_hosts[0].vars == {"ansible_host": "10.0.2.1", "ansible_port": 2222}
    assert plan.create_hosts[0].groups == ("prod",)
    updates = {u.name: u.changes for u in plan.update_hosts}
    assert updates["web1"] == (FieldChange("vars.http_port", "changed", 80, 8080),)
    assert updates["db1"] == (FieldChange("groups", "changed", ["db"], ["db", "prod"]),)
    assert plan.unchanged_hosts == []
    assert "web2" in updates, "web2's http_port goes from 80 to 8080 through the group var"
    assert plan.create_groups == ["prod"]
    assert plan.has_changes
    assert plan.summary() == {"create_hosts": 1, "update_hosts": 3, "unchanged_hosts": 0,
                              "create_groups": 1}


def test_replace_plan_also_lists_removals() -> None:
    plan = plan_import(parse_ini(CURRENT), parse_yaml(INCOMING), replace=True)
    updates = {u.name: u.changes for u in plan.update_hosts}
    assert FieldChange("vars.tier", "removed", "front", None) in updates["web1"]
    merged = plan_import(parse_ini(CURRENT), parse_yaml(INCOMING))
    assert all(c.kind != "removed" for u in merged.update_hosts for c in u.changes)


def test_same_inventory_plans_nothing_and_types_count() -> None:
    current = parse_ini(CURRENT)
    plan = plan_import(current, parse_yaml("all:\n  children:\n    web:\n      hosts:\n"
                                           "        web1: {ansible_host: 10.0.0.1, http_port: 80}\n"))
    assert plan.unchanged_hosts == ["web1"] and not plan.has_changes
    retyped = plan_import(current, parse_ini("[web]\nweb1 ansible_host=10.0.0.1 http_port=True\n"))
    assert retyped.update_hosts[0].changes == (
        FieldChange("vars.http_port", "changed", 80, True),)
