"""Per-node validation, memoised: a node's model and draft problems are kept while its JSON
is unchanged, and its costly checks (templates, conditions: ~5 ms each) while it and the ids
it could name are unchanged, so revalidating after an edit costs about one node's check.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from noc_contracts import (
    DecisionNode,
    Edge,
    EndNode,
    ErrorDetail,
    GraphNode,
    LoopNode,
    TaskNode,
    WaitNode,
)
from noc_contracts.validation import node_problems
from noc_desktop.document.changes import DocEdge

_MODELS: dict[str, type[GraphNode]] = {"task": TaskNode, "decision": DecisionNode,
                                       "loop": LoopNode, "wait": WaitNode, "end": EndNode}
#: Stand-ins for required fields a draft lacks, so the rest of the graph is still checked.
_PLACEHOLDERS: dict[str, dict[str, Any]] = {"task": {"task": ""}, "decision": {"condition": "true"},
                                            "loop": {"max_iterations": 1}, "wait": {"seconds": 0}}




@dataclass(frozen=True)
class _Checked:
    node: GraphNode
    allow_command: bool
    named: tuple[frozenset[str], frozenset[str]]
    every: tuple[tuple[str, ...], tuple[str, ...]]
    found: list[ErrorDetail]


#: A draft's slip in one node: (field, message).
Slip = tuple[str | None, str]


def _checked_node(data: Mapping[str, Any], found: list[Slip]) -> GraphNode:
    """The node as a model; fields that do not validate are reported and replaced."""
    model = _MODELS[data["type"]]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        bad: set[str] = set()
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or None
            bad.add(str(err["loc"][0]) if err["loc"] else "")
            found.append((field, err["msg"]))
    kept = {k: v for k, v in data.items() if k not in bad}
    try:
        return model.model_validate({**_PLACEHOLDERS.get(data["type"], {}), **kept})
    except ValidationError:
        return model.model_construct(**{**_PLACEHOLDERS.get(data["type"], {}), "id": data["id"]})


class NodeChecks:
    """Per node: its model and draft problems while its JSON is unchanged, and its costly
    checks (templates, conditions) while its JSON, the step and loop ids are unchanged."""

    def __init__(self) -> None:
        self.models: dict[str, tuple[dict[str, Any], GraphNode, list[Slip]]] = {}
        self.checks: dict[str, _Checked] = {}
        self.texts: dict[str, str] = {}  # every string of the node, to see which ids it names
        self.edges: dict[DocEdge, Edge] = {}

    def model(self, data: Mapping[str, Any], found: list[Slip]) -> GraphNode:
        """The node as a model (fields in error replaced); its slips added to ``found``."""
        node_id = str(data["id"])
        hit = self.models.get(node_id)
        if hit is None or hit[0] != data:
            draft: list[Slip] = []
            hit = (copy.deepcopy(dict(data)), _checked_node(data, draft), draft)
            self.models[node_id] = hit
            self.texts[node_id] = json.dumps(hit[0], ensure_ascii=False, default=str)
        found.extend(hit[2])
        return hit[1]

    def edge(self, edge: DocEdge) -> Edge:
        hit = self.edges.get(edge)
        if hit is None:
            hit = self.edges[edge] = Edge.model_construct(
                from_=edge.source, to=edge.target, on=edge.kind)  # type: ignore[arg-type]
        return hit

    def check(self, node: GraphNode, steps: Sequence[str], loops: Sequence[str],
              allow_command: bool) -> list[ErrorDetail]:
        """``node_problems``, again only when its answer may differ: the node changed, or an
        id it could name (one written in its text) came or went; any id when it had problems,
        whose messages list the ids there are."""
        text = self.texts.get(node.id, "")
        named = (frozenset(i for i in steps if i in text), frozenset(i for i in loops if i in text))
        every = (tuple(steps), tuple(loops))
        hit = self.checks.get(node.id)
        if (hit is None or hit.node is not node or hit.allow_command != allow_command
                or hit.named != named or (hit.found and hit.every != every)):
            hit = _Checked(node, allow_command, named, every,
                           node_problems(node, steps, loops, allow_command))
            self.checks[node.id] = hit
        return hit.found
