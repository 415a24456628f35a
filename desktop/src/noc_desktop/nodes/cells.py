"""What a node's row shows, without Qt: how long ago it was last heard from, its load and
usage figures, whether it takes work, and the counts of the page's one-line summary. The
widgets put these into translated sentences; a health's colour and label are the shared
status tables' (``status_colour``, ``status_label``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from noc_contracts import NodeHealth, NodeInfo

DASH = "—"

AgeUnit = Literal["s", "min", "h", "d"]
WorkState = Literal["takes_work", "draining", "no_work"]


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
    return "takes_work" if node.healthy else "no_work"


def health_counts(nodes: list[NodeInfo]) -> Counter[NodeHealth]:
    """How many nodes are up, late and down (every health present, 0 when none)."""
    counted = Counter(dict.fromkeys(NodeHealth, 0))
    counted.update(node.health for node in nodes)
    return counted
