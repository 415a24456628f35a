"""The Nodes page's pure logic: health colours, "last seen" ages, figures, work state, the
summary's counts, label text both ways, and which actions are offered to whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from noc_contracts import NodeHealth, NodeInfo
from noc_desktop.monitor.colours import status_colour as health_colour
from noc_desktop.nodes.actions import offered
from noc_desktop.nodes.cells import (
    Age,
    age,
    health_counts,
    load_text,
    usage_text,
    work_state,
)
from noc_desktop.nodes.label_text import labels_text, read_labels

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def node(name: str = "rio-1", health: NodeHealth = NodeHealth.up, **extra: object) -> NodeInfo:
    values: dict[str, object] = {"name": name, "url": "http://n", "capacity": 4,
                                 "queue_depth": 0, "running": 0, "health": health,
                                 "healthy": health is not NodeHealth.down}
    values.update(extra)
    return NodeInfo.model_validate(values)


def test_each_health_has_its_own_colour_and_an_unknown_one_is_grey() -> None:
    colours = [health_colour(h) for h in NodeHealth]
    assert len(set(colours)) == 3 and all(c.startswith("#") and len(c) == 7 for c in colours)
    assert health_colour("up") == health_colour(NodeHealth.up)
    assert health_colour("sideways") == "#9e9e9e" not in colours


@pytest.mark.parametrize(("seconds", "expected"), [
    (0, Age(0, "s")), (59, Age(59, "s")), (60, Age(1, "min")), (3599, Age(59, "min")),
    (3600, Age(1, "h")), (47 * 3600 + 3599, Age(47, "h")), (48 * 3600, Age(2, "d")),
    (10 * 86400 + 5, Age(10, "d")), (-30, Age(0, "s"))])
def test_age_uses_the_largest_whole_unit(seconds: int, expected: Age) -> None:
    assert age(NOW - timedelta(seconds=seconds), NOW) == expected


def test_never_heard_from_has_no_age() -> None:
    assert age(None, NOW) is None


def test_figures() -> None:
    assert load_text(None) == "—"
    assert load_text(0.4) == "0.40" and load_text(12.345) == "12.35"
    assert usage_text(node(running=3, capacity=8)) == "3 / 8"


def test_draining_wins_over_health_and_a_down_node_gets_no_work() -> None:
    assert work_state(node()) == "takes_work"
    assert work_state(node(health=NodeHealth.late)) == "takes_work"
    assert work_state(node(health=NodeHealth.down)) == "no_work"
    assert work_state(node(health=NodeHealth.down, draining=True)) == "draining"
    assert work_state(node(draining=True)) == "draining"


def test_health_counts_list_every_health() -> None:
    nodes = [node("a"), node("b"), node("c", NodeHealth.down)]
    assert health_counts(nodes) == {NodeHealth.up: 2, NodeHealth.late: 0, NodeHealth.down: 1}
    assert health_counts([]) == dict.fromkeys(NodeHealth, 0)


def test_labels_read_as_typed_and_shown_back() -> None:
    assert read_labels("site=rio, zone=dmz") == {"site": "rio", "zone": "dmz"}
    assert read_labels(" zone = dmz ,site=rio,, ") == {"site": "rio", "zone": "dmz"}
    assert read_labels("") == read_labels("  ,  ") == {}
    assert labels_text({"zone": "dmz", "site": "rio"}) == "site=rio, zone=dmz"
    assert read_labels(labels_text({"zone": "dmz", "site": "rio"})) == {"site": "rio",
                                                                       "zone": "dmz"}
    assert labels_text({}) == ""


@pytest.mark.parametrize(("text", "named"), [
    ("site=rio, zonedmz", "zonedmz"), ("si te=rio", "si te"), ("site=rio, site=sp", "site"),
    ("site=r!o", "r!o")])
def test_a_bad_label_is_refused_naming_it(text: str, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        read_labels(text)


def test_only_admins_are_offered_changes_and_the_toggle_follows_draining() -> None:
    assert offered(False, node()) == offered(False, None)
    viewer = offered(False, node())
    assert not (viewer.shown or viewer.edit or viewer.toggle_enabled or viewer.remove)
    nothing = offered(True, None)
    assert nothing.shown and not (nothing.edit or nothing.toggle_enabled or nothing.remove)
    busy = offered(True, node())
    assert busy.edit and busy.remove and busy.toggle_enabled and busy.toggle == "drain"
    assert offered(True, node(draining=True)).toggle == "resume"
