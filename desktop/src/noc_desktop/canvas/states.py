"""Run state of one block, as the execution monitor sees it (no Qt: the monitor computes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Every status a block can show: not reached, a host is on it, it ended well or badly, a
#: non-task block was passed through, the run was cancelled there.
STATUSES: Final = ("idle", "running", "success", "failed", "visited", "cancelled")


@dataclass(frozen=True)
class BlockState:
    """``status`` is one of ``STATUSES``; ``hosts_here`` how many hosts are on the block now."""

    status: str
    hosts_here: int = 0

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown block status {self.status!r}")
        if self.hosts_here < 0:
            raise ValueError("hosts_here cannot be negative")


IDLE: Final = BlockState("idle")
