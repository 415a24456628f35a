"""What the contracts' models allow, read from them (never copied): a field's bounds and
default, so the editor's blanks and forms change when the contract does."""

from __future__ import annotations

from typing import Any

import annotated_types
from pydantic import BaseModel

from noc_contracts import NODE_ID_MAX_LENGTH, SimulatedOutcome, TaskNode

__all__ = ["NODE_ID_MAX_LENGTH", "OUTCOME_DETAILS", "TASK_RUN_FIELDS", "default_of",
           "int_bounds", "task_run_defaults"]


def int_bounds(model: type[BaseModel], name: str) -> tuple[int, int]:
    """The inclusive ``ge``/``le`` bounds of an integer field of ``model``."""
    low, high = 0, 2**31 - 1
    for rule in model.model_fields[name].metadata:
        if isinstance(rule, annotated_types.Ge):
            low = int(rule.ge)  # type: ignore[call-overload]
        elif isinstance(rule, annotated_types.Le):
            high = int(rule.le)  # type: ignore[call-overload]
    return low, high


def default_of(model: type[BaseModel], name: str) -> Any:
    return model.model_fields[name].get_default(call_default_factory=True)


_RUN = ("timeout_s", "retries", "retry_delay_s")
#: a task's run settings with their bounds: (field, lowest, highest)
TASK_RUN_FIELDS = tuple((name, *int_bounds(TaskNode, name)) for name in _RUN)
#: what a simulated outcome may carry besides its status
OUTCOME_DETAILS = tuple(name for name in SimulatedOutcome.model_fields if name != "status")


def task_run_defaults() -> dict[str, Any]:
    """A new task block's run settings, as the contract defaults them."""
    return {name: default_of(TaskNode, name) for name in _RUN}
