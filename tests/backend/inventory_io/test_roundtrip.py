"""Export and re-import: parse(export(parse(x))) == parse(x) in both formats, and export limits."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from noc_backend.inventory_io import (
    Inventory,
    InventoryExportError,
    InvGroup,
    InvHost,
    parse_ini,
    parse_yaml,
    to_ini,
    to_yaml,
)

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.name for p in DATA.iterdir())


def parse(path: Path) -> Inventory:
    text = path.read_text()
    return parse_ini(text) if path.suffix == ".ini" else parse_yaml(text)


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_round_trips_through_both_formats(name: str) -> None:
    original = parse(DATA / name)
    assert len(original.hosts) >= 5
    assert parse_ini(to_ini(original)) == original
    assert parse_yaml(to_yaml(original)) == original
    assert parse_ini(to_ini(parse_yaml(to_yaml(original)))) == original


TRICKY_VALUES: list[Any] = [
    "8080", "True", "None", "yes", "0700", "1e3", "", " padded ", "a b  c", "it's", 'say "hi"',
    "back\\slash", "tab\there", "line\nbreak", "# not a comment", "; nor this", "[x]", "{a}",
    "k=v", "{{ templated }}", "ünïcødé", "\u2028sep", "...", "1+2j", "-5", 0, -7, 10**30, 1.5,
    -0.0, math.inf, -math.inf, True, False, None, [], {}, [1, "2", [3.5, None]],
    {"nested": {"list": ["a b", 1], "flag": False}, "2": "two"}, {1: "int key"},
]


@pytest.mark.parametrize("value", TRICKY_VALUES, ids=repr)
def test_value_types_survive_both_formats(value: Any) -> None:
    inv = Inventory()
    inv.hosts["h1"] = InvHost("h1", {"v": value})
    inv.groups["g"] = InvGroup("g", hosts=["h1"], vars={"v": value})
    inv.groups["all"].vars["v"] = value
    for text, parser in ((to_ini(inv), parse_ini), (to_yaml(inv), parse_yaml)):
        back = parser(text)
        for found in (back.hosts["h1"].vars["v"], back.groups["g"].vars["v"],
                      back.groups["all"].vars["v"]):
            assert found == value and type(found) is type(value), text


def test_hand_built_inventory_is_reconciled_before_export() -> None:
    inv = Inventory(hosts={"a": InvHost("a"), "b": InvHost("b", {"x": 1})},
                    groups={"web": InvGroup("web", hosts=["b", "c"], children=["db"])})
    back = parse_ini(to_ini(inv))
    assert back.groups["ungrouped"].hosts == ["a"]
    assert back.groups["all"].children == ["ungrouped", "web"]
    assert back.groups["web"].hosts == ["b", "c"] and "db" in back.groups
    assert parse_yaml(to_yaml(inv)) == back
    assert "ungrouped" not in inv.groups, "the caller's inventory is not modified"


def test_ini_export_is_readable() -> None:
    inv = parse_ini("[web]\nw1 ansible_user=deploy port_s=\"'8080'\" note='two words'\n")
    assert to_ini(inv) == "[web]\nw1 ansible_user=deploy port_s=\"'8080'\" note='two words'\n"


@pytest.mark.parametrize(("inv", "item"), [
    (Inventory(hosts={"h1": InvHost("h1", {"v": math.nan})}), "h1.v"),
    (Inventory(groups={"my group": InvGroup("my group")}), "my group"),
    (Inventory(groups={"g": InvGroup("g", vars={"bad key": 1})}), "bad key"),
    (Inventory(hosts={"h1": InvHost("h1", {"a=b": 1})}), "a=b"),
    (Inventory(hosts={"web[1:2]": InvHost("web[1:2]")}), "web[1:2]"),
    (Inventory(hosts={"h1:22": InvHost("h1:22")}), "h1:22"),
    (Inventory(groups={"a": InvGroup("a", children=["b"]), "b": InvGroup("b", children=["a"])}),
     "groups"),
])
def test_ini_export_refuses_what_it_cannot_say(inv: Inventory, item: str) -> None:
    with pytest.raises(InventoryExportError) as caught:
        to_ini(inv)
    assert caught.value.item == item


def test_yaml_export_carries_what_ini_cannot() -> None:
    inv = Inventory(hosts={"h1": InvHost("h1", {"bad key": 1})},
                    groups={"my group": InvGroup("my group", hosts=["h1"])})
    back = parse_yaml(to_yaml(inv))
    assert back.hosts["h1"].vars == {"bad key": 1}
    assert back.groups["my group"].hosts == ["h1"]
