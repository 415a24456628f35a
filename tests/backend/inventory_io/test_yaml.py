"""YAML parsing: nesting, ranges, shortcuts, YAML-only types, and every error with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from noc_backend.inventory_io import InventoryParseError, parse_yaml

DATA = Path(__file__).parent / "data"


def test_noc_fixture_nesting_ranges_and_anchors() -> None:
    inv = parse_yaml((DATA / "noc.yml").read_text())
    assert inv.groups["all"].children == ["ungrouped", "rio", "monitoring", "lab", "mgmt"]
    assert inv.groups["rio"].children == ["rio_web", "rio_db"]
    assert inv.groups["rio_db"].children == ["rio_db_replicas"]
    assert inv.groups["rio_web"].hosts == [
        "rweb01.rj.example.net", "rweb02.rj.example.net", "rweb03.rj.example.net",
        "rweb-canary.rj.example.net"]
    assert inv.groups["ungrouped"].hosts == ["bastion.noc.example.net"]
    assert inv.groups["all"].hosts == []
    canary = inv.hosts["rweb-canary.rj.example.net"].vars
    assert canary == {"ansible_port": 2222, "ansible_user": "deploy", "canary": True,
                      "weight": 0.25}
    rdba = inv.hosts["rdba.rj.example.net"].vars
    assert rdba["installed_on"] == "2024-03-01", "dates become the ISO text Ansible prints"
    assert rdba["check_interval"] == 30 and rdba["pg_primary"] is False
    monitoring = inv.groups["monitoring"].vars
    assert monitoring == {"http_port": 8080, "tls": True, "site_name": "Rio Web Tier",
                          "scrape": "0700"}
    assert inv.groups["mgmt"].hosts == ["oob.rj.example.net"]
    assert inv.groups["lab"].hosts == [] and inv.groups["lab"].vars == {}


def test_overlap_fixture_several_parents_and_top_level_groups() -> None:
    inv = parse_yaml((DATA / "overlap.yml").read_text())
    assert inv.groups["all"].children == ["ungrouped", "edge", "transit", "backbone"]
    assert inv.parents_of("edge") == ["all", "transit"]
    assert inv.groups["ungrouped"].hosts == ["orphan2", "orphan1"]
    assert inv.groups_of("shared1") == ["edge"]
    ix = inv.hosts["ix-1.example.org"].vars
    assert ix["communities"] == {"blackhole": "65535:666", "local_pref": 200}
    assert ix["weird"] == "multi\nline 'and' \"quotes\" # hash"


def test_timestamps_keep_their_offset() -> None:
    inv = parse_yaml("all:\n  hosts:\n    h1:\n      at: 2024-01-01T10:00:00Z\n")
    assert inv.hosts["h1"].vars["at"] == "2024-01-01T10:00:00+00:00"


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("", 1, "empty"),
    ("# only a comment\n", 1, "empty"),
    ("- a\n- b\n", 1, "must be a mapping"),
    ("plugin: aws_ec2\n", 1, "plugin configuration"),
    ("all:\n  hosts:\n    h1:\n  vars: [1, 2]\n", 4, "must be a mapping"),
    ("all:\n  children:\n    web:\n      hosts:\n        - h1\n", 5, "must be a mapping"),
    ("all:\n  children:\n    web:\n      host:\n        h1:\n", 4, "unexpected key 'host'"),
    ("all:\n  hosts:\n    h1: just-a-string\n", 3, "vars of host 'h1'"),
    ("all:\n  hosts:\n    8080:\n", 3, "quote numbers"),
    ("all:\n  hosts:\n    web[3:1]:\n", 3, "begin <= end"),
    ("all:\n  hosts:\n    h1:\n      k: !!binary aGk=\n", 4, "unsupported value"),
    ("all:\n  hosts:\n    h1:\n      k: !vault |\n        abc\n", 4, "invalid YAML"),
    ("all:\n  hosts:\n    h1: {a: 1\n", 4, "invalid YAML"),
    ("all:\n  hosts:\n\th1:\n", 3, "invalid YAML"),
    ("a: 1\n---\nb: 2\n", 2, "invalid YAML"),
    ("a:\n  children:\n    b:\n      children:\n        a:\n", 3, "loop"),
    ("web: [h1]\n", 1, "group 'web' must be a mapping"),
    ("all:\n  hosts:\n    h\x9e1:\n", 3, "character #x009e is not allowed"),
])
def test_errors_name_their_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(InventoryParseError) as caught:
        parse_yaml(text)
    assert fragment in caught.value.message
    assert caught.value.line == line
