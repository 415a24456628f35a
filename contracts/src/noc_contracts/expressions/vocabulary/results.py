"""Ansible's tests on task results, for step records: ``succeeded``, ``failed``, ``changed``,
``skipped``, ``reachable``/``unreachable``, ``timedout`` (and their short names).

A step record (``steps.<id>``) has a ``status`` where Ansible's registered result has flags.
The mapping, for a record without Ansible's own flag:

===============  ===================================================================
``failed``       status is failed, error, lost, timeout, unreachable or cancelled
``succeeded``    not failed (so status ``ok``)
``unreachable``  status is unreachable; ``reachable`` is its negation
``timedout``     status is timeout
``changed``      the record's ``changed``
``skipped``      never (a step that did not run is not in ``steps``)
===============  ===================================================================

A dict carrying Ansible's flags (``failed``, ``unreachable``, ``skipped``, ``timedout``, e.g.
a registered result kept in ``facts``) is read as Ansible reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from noc_contracts.expressions.vocabulary.bounds import fail

#: every step status that takes a task's failure edge
FAILED_STATUSES = frozenset({"failed", "error", "lost", "timeout", "unreachable", "cancelled"})


def _record(name: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise fail(name, f"expects a step or task result, got a {type(value).__name__}")
    return value


def _status(result: Mapping[str, Any]) -> str | None:
    status = result.get("status")
    return status if isinstance(status, str) else None


def is_failed(value: Any) -> bool:
    """The step failed (any status but ``ok``), or the result says ``failed``."""
    result = _record("failed", value)
    if "failed" in result:
        return bool(result["failed"])
    return _status(result) in FAILED_STATUSES


def is_succeeded(value: Any) -> bool:
    """Not failed."""
    return not is_failed(_record("succeeded", value))


def is_unreachable(value: Any) -> bool:
    """The host could not be reached."""
    result = _record("unreachable", value)
    if "unreachable" in result:
        return bool(result["unreachable"])
    return _status(result) == "unreachable"


def is_reachable(value: Any) -> bool:
    """Not unreachable."""
    return not is_unreachable(_record("reachable", value))


def is_timedout(value: Any) -> bool:
    """The step ran past its timeout."""
    result = _record("timedout", value)
    if "timedout" in result:
        flag = result["timedout"]
        return bool(flag.get("period")) if isinstance(flag, Mapping) else bool(flag)
    return _status(result) == "timeout"


def is_changed(value: Any) -> bool:
    """The step changed something (a loop result: any of its ``results`` did)."""
    result = _record("changed", value)
    if "changed" in result:
        return bool(result["changed"])
    items = result.get("results")
    if isinstance(items, list) and items and isinstance(items[0], Mapping):
        return any(isinstance(i, Mapping) and bool(i.get("changed")) for i in items)
    return False


def is_skipped(value: Any) -> bool:
    """The result says ``skipped`` (a step record never does)."""
    return bool(_record("skipped", value).get("skipped"))


TESTS: dict[str, Callable[..., Any]] = {
    "failed": is_failed, "failure": is_failed, "succeeded": is_succeeded, "success": is_succeeded,
    "successful": is_succeeded, "unreachable": is_unreachable, "reachable": is_reachable,
    "timedout": is_timedout, "changed": is_changed, "change": is_changed, "skipped": is_skipped,
    "skip": is_skipped,
}
