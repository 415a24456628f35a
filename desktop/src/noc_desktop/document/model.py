"""What the canvas needs from a procedure graph: each block's type, kind and facts, each edge.

A flat, Qt-free view of a ``ProcedureGraph``: the canvas turns it into items (and translated
text) without knowing the graph's pydantic models, and the next issue's editor edits the graph,
not this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from noc_contracts import (
    CATALOGUE,
    DecisionNode,
    EndNode,
    LoopNode,
    ProcedureGraph,
    TaskNode,
    WaitNode,
)


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


@dataclass(frozen=True)
class FlowEdge:
    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class Flow:
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]


def default_task_kinds() -> dict[str, str]:
    """Task type name -> its kind, from the contracts' catalogue."""
    return {name: str(task_type.kind) for name, task_type in CATALOGUE.items()}


def flow_of(graph: ProcedureGraph, task_kinds: Mapping[str, str] | None = None) -> Flow:
    """The blocks and edges of ``graph``; ``task_kinds`` maps task type -> kind."""
    kinds = default_task_kinds() if task_kinds is None else task_kinds
    nodes = []
    for node in graph.nodes:
        base = FlowNode(id=node.id, type=node.type, label=node.label,
                        is_start=node.id == graph.start)
        if isinstance(node, TaskNode):
            base = replace(base, task=node.task, kind=kinds.get(node.task))
        elif isinstance(node, DecisionNode):
            base = replace(base, condition=node.condition)
        elif isinstance(node, LoopNode):
            base = replace(base, max_iterations=node.max_iterations, while_=node.while_)
        elif isinstance(node, WaitNode):
            base = replace(base, seconds=node.seconds)
        elif isinstance(node, EndNode):
            base = replace(base, result=node.result)
        nodes.append(base)
    edges = tuple(FlowEdge(e.from_, e.to, e.on) for e in graph.edges)
    return Flow(tuple(nodes), edges)
