"""The hosts table's paging, filter words, group counts, var typing and error fields: no Qt."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from noc_contracts import ErrorDetail
from noc_contracts.api import GroupPublic, HostPublic, HostsPublic
from noc_desktop.inventory.error_fields import by_field, form_field
from noc_desktop.inventory.group_index import build_forest
from noc_desktop.inventory.paging import HostPager, HostQuery, name_pattern, var_filters
from noc_desktop.inventory.var_values import format_value, parse_value

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def host(i: int) -> HostPublic:
    return HostPublic(id=i, name=f"h{i}", address="10.0.0.1", port=22, user=None,
                      connection="ssh", groups=[], vars={}, credential=None, enabled=True,
                      created_at=NOW, updated_at=NOW)


def page(ids: range, count: int) -> HostsPublic:
    return HostsPublic(data=[host(i) for i in ids], count=count)


def test_pages_follow_each_other_until_the_total() -> None:
    pager = HostPager(page_size=2)
    first = pager.next_request()
    assert first is not None and (first.offset, first.limit) == (0, 2)
    assert pager.next_request() is None  # one page in flight at a time
    pager.append(pager.accept(first, page(range(2), 5)) or [])
    second = pager.next_request()
    assert second is not None and second.offset == 2
    pager.append(pager.accept(second, page(range(2, 4), 5)) or [])
    third = pager.next_request()
    assert third is not None and third.offset == 4
    pager.append(pager.accept(third, page(range(4, 5), 5)) or [])
    assert [h.id for h in pager.rows] == [0, 1, 2, 3, 4]
    assert not pager.can_fetch_more() and pager.next_request() is None


def test_an_answer_of_an_older_query_is_dropped() -> None:
    pager = HostPager(page_size=2)
    old = pager.next_request()
    assert old is not None
    pager.reset(HostQuery(name="web*"))
    new = pager.next_request()
    assert new is not None and new.query.name == "web*"
    assert pager.accept(old, page(range(2), 9)) is None
    assert pager.rows == [] and pager.in_flight == new
    assert pager.accept(new, page(range(7, 8), 1)) == [host(7)]
    assert pager.next_request() is None  # still in flight until the rows are appended
    pager.append([host(7)])
    assert pager.rows == [host(7)] and not pager.can_fetch_more()
    assert not pager.failed(old)


def test_duplicates_are_skipped_and_an_empty_page_stops_loading() -> None:
    pager = HostPager(page_size=2)
    r = pager.next_request()
    assert r is not None
    pager.append(pager.accept(r, page(range(2), 10)) or [])
    r = pager.next_request()
    assert r is not None
    fresh = pager.accept(r, page(range(1, 3), 10)) or []
    assert [h.id for h in fresh] == [2]
    pager.append(fresh)
    r = pager.next_request()
    assert r is not None
    pager.append(pager.accept(r, page(range(0), 10)) or [])
    assert not pager.can_fetch_more()


def test_a_failed_page_can_be_asked_again() -> None:
    pager = HostPager()
    r = pager.next_request()
    assert r is not None and pager.failed(r)
    again = pager.next_request()
    assert again is not None and again.offset == 0


@pytest.mark.parametrize(("typed", "pattern"), [
    ("", None), ("  ", None), ("web", "*web*"), ("web*", "web*"), ("h?1", "h?1"),
    ("[ab]x", "[ab]x")])
def test_name_pattern(typed: str, pattern: str | None) -> None:
    assert name_pattern(typed) == pattern


def test_var_filters() -> None:
    assert var_filters("tier=front  dc=rio") == (("tier=front", "dc=rio"), None)
    assert var_filters("") == ((), None)
    assert var_filters("tier=front nokey") == ((), "nokey")
    assert var_filters("1x=2") == ((), "1x=2")


def group(name: str, hosts: list[str], children: list[str] = [],  # noqa: B006
          parents: list[str] = []) -> GroupPublic:  # noqa: B006
    return GroupPublic(name=name, hosts=hosts, children=children, parents=parents)


def test_groups_nest_under_every_parent_with_direct_and_nested_counts() -> None:
    groups = [group("dc", ["a"], ["web", "db"]), group("web", ["b", "c"], ["edge"], ["dc"]),
              group("edge", ["c", "d"], [], ["web", "db"]),
              group("db", ["e"], ["edge"], ["dc"]), group("lone", []),
              group("all", [], ["dc", "lone"])]
    forest = build_forest(groups)
    assert [(n.name, n.direct, n.total) for n in forest] == [("dc", 1, 5), ("lone", 0, 0)]
    dc = forest[0]
    assert [(n.name, n.direct, n.total) for n in dc.children] == [("db", 1, 3), ("web", 2, 3)]
    assert [c.name for c in dc.children[0].children] == ["edge"]
    assert [c.name for c in dc.children[1].children] == ["edge"]


def test_a_cycle_does_not_loop() -> None:
    forest = build_forest([group("top", ["x"], ["a"]), group("a", ["y"], ["b"], ["top", "b"]),
                           group("b", ["z"], ["a"], ["a"])])
    assert [(n.name, n.total) for n in forest] == [("top", 3)]
    assert forest[0].children[0].children[0].children == []


@pytest.mark.parametrize(("text", "value"), [
    ("8080", 8080), ("1.5", 1.5), ("true", True), ("false", False), ("null", None),
    ('[1, "a"]', [1, "a"]), ('{"k": 1}', {"k": 1}), ('"42"', "42"), ("hello world", "hello world"),
    ("", ""), ("[broken", "[broken")])
def test_values_are_json_when_they_parse(text: str, value: Any) -> None:
    assert parse_value(text) == value
    assert parse_value(format_value(value)) == value


def test_strings_that_look_like_json_are_shown_quoted() -> None:
    assert format_value("42") == '"42"'
    assert format_value("true") == '"true"'
    assert format_value("plain") == "plain"
    assert format_value([1, 2]) == "[1, 2]"


def test_error_fields_map_to_form_fields() -> None:
    assert form_field("body.vars.ansible_ssh_common_args") == ("vars", "ansible_ssh_common_args")
    assert form_field("vars.x") == ("vars", "x")
    assert form_field("address") == ("address", None)
    assert form_field("body") == ("", None)
    assert form_field(None) == ("", None)
    details = [ErrorDetail(field="body.port", message="too big"),
               ErrorDetail(field="vars.a", message="no"), ErrorDetail(message="general")]
    assert by_field(details) == {"port": [(None, "too big")], "vars": [("a", "no")],
                                 "": [(None, "general")]}


def test_a_page_of_duplicates_only_still_moves_the_offset_on() -> None:
    pager = HostPager(page_size=2)
    r = pager.next_request()
    assert r is not None
    pager.append(pager.accept(r, page(range(2), 6)) or [])
    r = pager.next_request()
    assert r is not None and r.offset == 2
    assert pager.accept(r, page(range(0, 2), 6)) == []  # rows shifted: both seen already
    pager.append([])
    r = pager.next_request()
    assert r is not None and r.offset == 4  # never the same page again
    pager.append(pager.accept(r, page(range(4, 6), 6)) or [])
    assert [h.id for h in pager.rows] == [0, 1, 4, 5] and not pager.can_fetch_more()
