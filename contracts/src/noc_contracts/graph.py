"""The procedure graph: the flowchart a procedure is, stored by the backend, run by the scheduler.

Edges are stored once, outside the nodes. Node and edge kinds are fixed per node type
(see ``EDGE_KINDS``); the rules that span several nodes live in ``noc_contracts.validation``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: the longest node id a graph may use
NODE_ID_MAX_LENGTH = 100
NodeId = Annotated[str, Field(min_length=1, max_length=NODE_ID_MAX_LENGTH)]
EdgeKind = Literal["success", "failure", "true", "false", "body", "done", "next"]

#: Which outgoing edge kinds each node type may have.
EDGE_KINDS: dict[str, frozenset[str]] = {
    "task": frozenset({"success", "failure"}),
    "decision": frozenset({"true", "false"}),
    "loop": frozenset({"body", "done"}),
    "wait": frozenset({"next"}),
    "end": frozenset(),
}


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: NodeId
    label: str | None = Field(default=None, max_length=200)


class TaskNode(_Node):
    """Run one task type from the catalogue on the host; ends ``success`` or ``failure``."""

    type: Literal["task"] = "task"
    task: str = Field(min_length=1, max_length=100)
    params: dict[str, Any] = Field(default_factory=dict)
    timeout_s: int = Field(default=300, ge=1, le=86_400)
    retries: int = Field(default=0, ge=0, le=20)
    retry_delay_s: int = Field(default=0, ge=0, le=86_400)


class DecisionNode(_Node):
    """Evaluate a Jinja2 condition and follow ``true`` or ``false``."""

    type: Literal["decision"] = "decision"
    condition: str = Field(min_length=1, max_length=2_000)


class LoopNode(_Node):
    """Follow ``body`` while the loop may run again, else ``done``; bounded by max_iterations."""

    type: Literal["loop"] = "loop"
    max_iterations: int = Field(ge=1, le=10_000)
    while_: str | None = Field(default=None, alias="while", max_length=2_000)
    items: list[Any] | str | None = None


class WaitNode(_Node):
    type: Literal["wait"] = "wait"
    seconds: float = Field(ge=0, le=86_400)


class EndNode(_Node):
    type: Literal["end"] = "end"
    result: Literal["success", "failure"] = "success"


GraphNode = Annotated[
    TaskNode | DecisionNode | LoopNode | WaitNode | EndNode, Field(discriminator="type")
]


class Edge(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: NodeId = Field(alias="from")
    to: NodeId
    on: EdgeKind


class Point(BaseModel):
    x: float
    y: float


class Note(BaseModel):
    """A sticky note on the canvas, stored with the layout: text for the reader, never run.

    ``x``/``y`` are its top-left corner in the layout's units.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: NodeId
    text: str = Field(default="", max_length=5_000)
    x: float = Field(ge=-1_000_000, le=1_000_000)
    y: float = Field(ge=-1_000_000, le=1_000_000)
    width: float = Field(default=200, ge=40, le=2_000)
    height: float = Field(default=120, ge=30, le=2_000)
    color: str = Field(default="#fff3a0", pattern=r"^#[0-9a-fA-F]{6}$")


class ProcedureGraph(BaseModel):
    """A whole flowchart. Serialise with ``by_alias=True`` so edges keep their ``from`` key."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = 1
    nodes: list[GraphNode] = Field(min_length=1, max_length=1_000)
    edges: list[Edge] = Field(default_factory=list, max_length=5_000)
    start: NodeId
    layout: dict[str, Point] = Field(default_factory=dict)
    allow_command: bool = Field(
        default=False, description="opt-in for task types that run arbitrary commands")
    notes: list[Note] = Field(
        default_factory=list, max_length=500,
        description="sticky notes drawn with the layout; ignored when the procedure runs")

    def node(self, node_id: str) -> GraphNode | None:
        for node in self.nodes:
            if node.id == node_id:
                return node
        return None

    def next_node(self, node_id: str, on: str) -> str | None:
        """The target of ``node_id``'s edge of kind ``on``, or None when there is none."""
        for edge in self.edges:
            if edge.from_ == node_id and edge.on == on:
                return edge.to
        return None
