"""What a node's row shows, without Qt: the health colour, how long ago it was last heard
from, its load and usage figures, whether it takes work, and the page's one-line summary.
The widgets put these into translated sentences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from noc_contracts import NodeHealth, NodeInfo

#: one colour per health: green heartbeats arrive, amber one is overdue, red none for too long
HEALTH_COLOURS = {NodeHealth.up: "#2e7d32", NodeHealth.late: "#b86e00",
                  NodeHealth.down: "#c62828"}
DASH = "—"

AgeUnit = Literal["s", "min", "h", "d"]
WorkState = Literal["takes_work", "draining", "no_work"]


def health_colour(health: NodeHealth | str) -> str:
    """``#rrggbb`` for a node's health (grey for a value this app does not know)."""
    try:
        return HEALTH_COLOURS[NodeHealth(health)]
    except ValueError:
        return "#9e9e9e"


@dataclass(frozen=True)
class Age:
    """How long ago, in the largest unit that keeps it a whole number worth reading."""

    amount: int
    unit: AgeUnit


def age(seen: datetime | None, now: datetime) -> Age | None:
    """How long before ``now`` the node was last heard from (None: never). A time ahead of
    ``now`` (clocks apart) counts as 0 s."""
    if seen is None:
        return None
    seconds = max(0, int((now - seen).total_seconds()))
    if seconds < 60:
        return Age(seconds, "s")
    if seconds < 3600:
        return Age(seconds // 60, "min")
    if seconds < 48 * 3600:
        return Age(seconds // 3600, "h")
    return Age(seconds // 86400, "d")


def load_text(load: float | None) -> str:
    """The 1-minute load average to two decimals; a dash when the node never reported one."""
    return DASH if load is None else f"{load:.2f}"


def usage_text(node: NodeInfo) -> str:
    """``running / capacity``: how many of the tasks it is given at once run now."""
    return f"{node.running} / {node.capacity}"


def work_state(node: NodeInfo) -> WorkState:
    """Whether placement gives it work: draining (the admin's choice) wins over health; a
    down node is given none either."""
    if node.draining:
        return "draining"
    return "no_work" if node.health is NodeHealth.down else "takes_work"


def health_counts(nodes: list[NodeInfo]) -> dict[NodeHealth, int]:
    """How many nodes are up, late and down (every health present, 0 when none)."""
    counted = Counter(node.health for node in nodes)
    return {health: counted.get(health, 0) for health in NodeHealth}
