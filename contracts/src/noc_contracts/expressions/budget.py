"""Soft bounds on one evaluation: a deadline and a maximum output size, per thread of control.

The environment checks the active budget on every call, attribute lookup, range step and
intercepted operator, so runaway loops and huge strings stop with ``BudgetExceeded`` instead of
holding a worker. A long single C-level operation cannot be interrupted from Python: the
scheduler adds hard bounds (a separate process, killed) around evaluations on top of these.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jinja2.exceptions import SecurityError

DEFAULT_SECONDS = 1.0
DEFAULT_MAX_OUTPUT = 2_000_000  # characters of rendered text / items of a built sequence


class BudgetExceeded(SecurityError):
    """An evaluation ran past its deadline or built a value over the size limit."""


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS
    max_output: int = DEFAULT_MAX_OUTPUT
    deadline: float = 0.0

    def check_time(self) -> None:
        if self.deadline and time.monotonic() > self.deadline:
            raise BudgetExceeded(f"took longer than its {self.seconds:g} s budget")

    def check_size(self, size: int) -> None:
        if size > self.max_output:
            raise BudgetExceeded(f"would produce {size:,} characters or items, over the "
                                 f"{self.max_output:,} limit")


_UNBOUNDED_TIME = Budget()
_current: ContextVar[Budget | None] = ContextVar("noc_expression_budget", default=None)


def current() -> Budget:
    """The active budget; outside ``budget()`` only the size limit applies."""
    return _current.get() or _UNBOUNDED_TIME


@contextmanager
def budget(seconds: float = DEFAULT_SECONDS,
           max_output: int = DEFAULT_MAX_OUTPUT) -> Iterator[Budget]:
    """Bound every evaluation made inside the block."""
    active = Budget(seconds, max_output, time.monotonic() + seconds)
    token = _current.set(active)
    try:
        yield active
    finally:
        _current.reset(token)
