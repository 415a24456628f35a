"""``changed_fields``: what an edit dialog's PATCH sends (no Qt)."""

from __future__ import annotations

from noc_desktop.inventory.entity_form import changed_fields


def test_only_what_differs_is_sent() -> None:
    before = {"name": "a", "port": 22, "vars": {"x": 1}, "groups": ["b", "a"]}
    values = {"name": "a", "port": 2222, "vars": {"x": 1}, "groups": ["b", "a"]}
    assert changed_fields(values, before) == {"port": 2222}


def test_an_unordered_list_in_another_order_is_no_change() -> None:
    before = {"groups": ["b", "a"], "tags": ["b", "a"]}
    values = {"groups": ["a", "b"], "tags": ["a", "b"]}
    assert changed_fields(values, before, unordered={"groups"}) == {"tags": ["a", "b"]}
    assert changed_fields({"groups": ["a"]}, before, unordered={"groups"}) == {"groups": ["a"]}
