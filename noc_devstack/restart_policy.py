"""When ``make run``'s supervisor restarts a layer that died, and when it gives up.

Pure: no processes, clocks or output here (the supervisor passes the times in), so every
decision is unit-tested. A layer that dies is restarted after 1 s, 2 s, 4 s ... (capped); a
layer that stayed healthy for ``stable_after_s`` starts the count over; the
``max_quick_failures``-th quick failure in a row gives up on the whole stack.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RestartPolicy:
    first_delay_s: float = 1.0
    max_delay_s: float = 30.0
    #: healthy this long before dying: a new problem, the back-off starts again from the first
    stable_after_s: float = 60.0
    #: this many failures in a row, none after a stable run: the stack is given up on
    max_quick_failures: int = 6

    def __post_init__(self) -> None:
        if self.first_delay_s < 0 or self.max_delay_s < self.first_delay_s:
            raise ValueError("need 0 <= first_delay_s <= max_delay_s")
        if self.max_quick_failures < 1:
            raise ValueError("max_quick_failures must be at least 1")

    def delay_s(self, failures: int) -> float:
        """The wait before the restart that follows the ``failures``-th failure in a row."""
        if failures < 1:
            raise ValueError("failures counts from 1")
        # the exponent is bounded so a long streak never overflows a float
        return float(min(self.max_delay_s, self.first_delay_s * 2 ** min(failures - 1, 64)))


@dataclass(frozen=True)
class Restart:
    """Start the layer again after ``delay_s``; ``failures`` is the streak this death makes."""

    delay_s: float
    failures: int


@dataclass(frozen=True)
class GiveUp:
    """Stop the whole stack: the layer failed ``failures`` times in a row, each quickly."""

    failures: int


def after_exit(policy: RestartPolicy, streak: int, healthy_for_s: float | None) -> Restart | GiveUp:
    """What to do when a layer exits on its own.

    ``streak``: the failures in a row before this one (0 after a stable run);
    ``healthy_for_s``: how long this start of the layer answered its health check (``None``:
    it never did, e.g. it died at start)."""
    stable = healthy_for_s is not None and healthy_for_s >= policy.stable_after_s
    failures = 1 if stable else streak + 1
    if failures >= policy.max_quick_failures:
        return GiveUp(failures)
    return Restart(policy.delay_s(failures), failures)
