"""A document to and from a ``ProcedureGraph`` (the API's) and JSON text (files, clipboard).

JSON is read leniently: a node needs only a unique id and a known type, the rest is kept as
written and reported by ``problems`` (a draft saved to a file comes back as it was). Whole
procedures (``{"name", "description", "graph"}``, an API answer) and bare graphs both load.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from noc_contracts import EDGE_KINDS, NODE_ID_MAX_LENGTH, GraphNode, Note, ProcedureGraph
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.errors import InvalidDocument
from noc_desktop.document.procedure import NodeData, Position, ProcedureDocument

_OPTIONAL = ("label", "while", "items")


def wire_node(node: GraphNode) -> NodeData:
    """A node's wire JSON, without the optional fields it leaves empty."""
    data = node.model_dump(mode="json", by_alias=True)
    return {k: v for k, v in data.items() if not (k in _OPTIONAL and v is None)}


def graph_dict(doc: ProcedureDocument) -> dict[str, Any]:
    """The document as a graph's JSON, valid or not."""
    return {"schema_version": 1,
            "nodes": [doc.node(node_id) for node_id in doc.node_ids()],
            "edges": [{"from": e.source, "to": e.target, "on": e.kind} for e in doc.edges()],
            "start": doc.start,
            "layout": {k: {"x": x, "y": y} for k, (x, y) in doc.layout().items()},
            "allow_command": doc.allow_command,
            "notes": [note.model_dump(mode="json") for note in doc.notes()]}


def to_graph(doc: ProcedureDocument) -> ProcedureGraph:
    body = graph_dict(doc)
    try:
        return ProcedureGraph.model_validate(body)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int):
            node = body["nodes"][loc[1]]
            where = ".".join(str(p) for p in loc[3:]) or "id"
            raise InvalidDocument("invalid_node", f"{node['id']}: {where}: {err['msg']}",
                                  node=node["id"], field=where) from exc
        where = ".".join(str(p) for p in loc)
        raise InvalidDocument("invalid_graph", f"{where}: {err['msg']}", field=where) from exc


def from_graph(graph: ProcedureGraph, name: str = "", description: str = "") -> ProcedureDocument:
    parts = Parts(nodes=[wire_node(n) for n in graph.nodes],
                  edges=[DocEdge(e.from_, e.to, e.on) for e in graph.edges],
                  layout={k: (p.x, p.y) for k, p in graph.layout.items()},
                  notes=list(graph.notes))
    return parts.document(name, description, graph.start, graph.allow_command)


def to_json(doc: ProcedureDocument) -> str:
    body = {"name": doc.name, "description": doc.description, "graph": graph_dict(doc)}
    return json.dumps(body, indent=2, ensure_ascii=False)


@dataclass
class Parts:
    """Nodes, edges, positions and notes read from JSON: a procedure or a fragment of one."""

    nodes: list[NodeData] = field(default_factory=list)
    edges: list[DocEdge] = field(default_factory=list)
    layout: dict[str, Position] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def document(self, name: str, description: str, start: str | None,
                 allow_command: bool) -> ProcedureDocument:
        doc = ProcedureDocument(name, description)
        doc.allow_command, doc.start = allow_command, start
        for node in self.nodes:
            doc.insert_node(node)
        for edge in self.edges:
            doc.insert_edge(edge)
        doc.set_positions({k: v for k, v in self.layout.items() if doc.has_node(k)})
        for note in self.notes:
            doc.insert_note(note)
        doc.revision = 0
        return doc


def load_json(text: str) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """(procedure fields, graph JSON) of ``text``; raises ``InvalidDocument`` saying why."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidDocument("not_json", f"not JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("graph"), dict):
        return data, data["graph"]
    if isinstance(data, dict) and isinstance(data.get("nodes"), list):
        return {}, data
    raise InvalidDocument("not_a_procedure",
                          "not a procedure: expected an object with \"nodes\" or \"graph\"")


def _fail(where: str, what: str) -> InvalidDocument:
    return InvalidDocument("not_a_procedure", f"{where}: {what}", field=where)


def parse_parts(graph: Mapping[str, Any]) -> Parts:
    """The parts of a graph's JSON, checked only as far as the document needs."""
    parts = Parts()
    seen: set[str] = set()
    for i, node in enumerate(graph.get("nodes") or []):
        node_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(node_id, str) or not node_id or len(node_id) > NODE_ID_MAX_LENGTH:
            raise _fail(f"nodes.{i}.id",
                        f"a node needs an id of 1 to {NODE_ID_MAX_LENGTH} characters")
        if node_id in seen:
            raise _fail(f"nodes.{i}.id", f"duplicate node id '{node_id}'")
        if node.get("type") not in EDGE_KINDS:
            raise _fail(f"nodes.{i}.type", f"unknown node type {node.get('type')!r}")
        seen.add(node_id)
        parts.nodes.append(dict(node))
    for i, edge in enumerate(graph.get("edges") or []):
        ends: list[Any] = [edge.get(k) if isinstance(edge, dict) else None
                           for k in ("from", "to", "on")]
        if not all(isinstance(v, str) and v for v in ends):
            raise _fail(f"edges.{i}", "an edge needs \"from\", \"to\" and \"on\"")
        parts.edges.append(DocEdge(*ends))
    layout = graph.get("layout") or {}
    if not isinstance(layout, dict):
        raise _fail("layout", "expected an object of positions")
    for key, point in layout.items():
        try:
            parts.layout[key] = (float(point["x"]), float(point["y"]))
        except (TypeError, KeyError, ValueError) as exc:
            raise _fail(f"layout.{key}", "expected {\"x\": number, \"y\": number}") from exc
    for i, note in enumerate(graph.get("notes") or []):
        try:
            parts.notes.append(Note.model_validate(note))
        except ValidationError as exc:
            raise _fail(f"notes.{i}", exc.errors()[0]["msg"]) from exc
        if parts.notes[-1].id in {n.id for n in parts.notes[:-1]}:
            raise _fail(f"notes.{i}.id", f"duplicate note id '{parts.notes[-1].id}'")
    return parts


def from_json(text: str) -> ProcedureDocument:
    fields, graph = load_json(text)
    start = graph.get("start")
    return parse_parts(graph).document(
        str(fields.get("name") or ""), str(fields.get("description") or ""),
        start if isinstance(start, str) and start else None,
        bool(graph.get("allow_command", False)))
