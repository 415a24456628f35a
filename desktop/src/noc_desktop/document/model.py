"""What the canvas needs from a block: its type, kind and facts, read from the document.

A flat, Qt-free view of one node's wire JSON (perhaps a draft with odd values): the canvas
turns it into items and translated text without knowing the graph's pydantic models.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from noc_contracts import CATALOGUE, EDGE_KINDS


@dataclass(frozen=True)
class FlowNode:
    """One block: ``type`` is the node type; the other fields apply to some types only."""

    id: str
    type: str
    label: str | None = None
    is_start: bool = False
    task: str | None = None  # task: the task type's name
    kind: str | None = None  # task: monitoring | action | notification (None: unknown type)
    condition: str | None = None  # decision
    max_iterations: int | None = None  # loop
    while_: str | None = None  # loop
    seconds: float | None = None  # wait
    result: str | None = None  # end: success | failure


def default_task_kinds() -> dict[str, str]:
    """Task type name -> its kind, from the contracts' catalogue."""
    return {name: str(task_type.kind) for name, task_type in CATALOGUE.items()}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def flow_node_of(data: Mapping[str, Any], is_start: bool,
                 task_kinds: Mapping[str, str]) -> FlowNode:
    """A block of the document (its wire JSON, perhaps a draft with odd values) as the items
    show it: values of the wrong type are shown as missing, never refused; ``task_kinds``
    maps task type -> kind."""
    node_type = str(data.get("type", "task"))
    task = _text(data.get("task"))
    iterations = _number(data.get("max_iterations"))
    return FlowNode(id=str(data["id"]), type=node_type if node_type in EDGE_KINDS else "task",
                    label=_text(data.get("label")), is_start=is_start, task=task,
                    kind=task_kinds.get(task or ""), condition=_text(data.get("condition")),
                    max_iterations=None if iterations is None else int(iterations),
                    while_=_text(data.get("while")), seconds=_number(data.get("seconds")),
                    result=_text(data.get("result")))
