"""``async_slot``: qasync's ``asyncSlot`` with a type mypy can check (qasync is untyped)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec

import qasync

P = ParamSpec("P")


def async_slot(fn: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run the coroutine method as a task on the qasync loop when the slot is called."""
    wrapped: Callable[P, None] = qasync.asyncSlot()(fn)
    return wrapped
