"""Copy, paste and duplicate as JSON text, so a selection or a whole procedure can go through
the system clipboard, a file or a chat. Pasted ids that clash get a suffix (``check`` ->
``check_2``), edges follow them, and the pasted blocks land at the point asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from noc_desktop.document.arrange import place_unplaced
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.convert import load_json, parse_parts
from noc_desktop.document.edge_edits import AddEdge, RemoveEdge
from noc_desktop.document.edge_rules import valid_edge_kinds
from noc_desktop.document.edits import Composite, Edit, SetStart
from noc_desktop.document.errors import InvalidDocument
from noc_desktop.document.node_edits import MAX_ID, AddNode, RemoveNode
from noc_desktop.document.note_edits import AddNote, RemoveNote
from noc_desktop.document.procedure import Position, ProcedureDocument

FRAGMENT = "noc-procedure-fragment"
#: How far a duplicate lands from what it copies.
DUPLICATE_OFFSET = 40.0


@dataclass(frozen=True)
class Pasted(Composite):
    """The paste as one edit, and the ids it creates (to select them)."""

    node_ids: tuple[str, ...] = ()
    note_ids: tuple[str, ...] = ()


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``<stem>_2``, ``<stem>_3``... when taken (``check_2`` -> ``check_3``)."""
    used = set(taken)
    if wanted not in used:
        return wanted
    stem = re.sub(r"_\d+$", "", wanted) or wanted
    n = 2
    while True:
        suffix = f"_{n}"
        candidate = stem[:MAX_ID - len(suffix)] + suffix
        if candidate not in used:
            return candidate
        n += 1


def copy(doc: ProcedureDocument, node_ids: Iterable[str], note_ids: Iterable[str] = ()) -> str:
    """JSON of the chosen blocks, the edges among them, their positions and chosen notes."""
    inside, notes = set(node_ids), set(note_ids)
    chosen = [n for n in doc.node_ids() if n in inside]
    body = {
        "kind": FRAGMENT,
        "nodes": [doc.node(n) for n in chosen],
        "edges": [{"from": e.source, "to": e.target, "on": e.kind} for e in doc.edges()
                  if e.source in inside and e.target in inside],
        "layout": {n: {"x": p[0], "y": p[1]} for n in chosen if (p := doc.position(n))},
        "notes": [doc.note(n).model_dump(mode="json") for n in doc.note_ids() if n in notes],
    }
    if doc.start in inside:
        body["start"] = doc.start
    return json.dumps(body, indent=2, ensure_ascii=False)


def _check_edges(types: dict[str, str], edges: list[DocEdge]) -> None:
    used: set[tuple[str, str]] = set()
    for i, edge in enumerate(edges):
        if edge.kind not in valid_edge_kinds(types[edge.source]):
            raise InvalidDocument(
                "not_a_procedure", f"edges.{i}: a {types[edge.source]} block cannot have a "
                f"'{edge.kind}' edge", field=f"edges.{i}")
        if (edge.source, edge.kind) in used:
            raise InvalidDocument("not_a_procedure",
                                  f"edges.{i}: '{edge.source}' has two '{edge.kind}' edges",
                                  field=f"edges.{i}")
        used.add((edge.source, edge.kind))


def paste(doc: ProcedureDocument, text: str, at: Position) -> Pasted:
    """The edit that adds what ``text`` holds (``copy``'s JSON, a procedure, a bare graph)
    with its top-left corner at ``at``. Raises ``InvalidDocument`` saying what is wrong."""
    _, graph = load_json(text)
    parts = parse_parts(graph)
    if not parts.nodes and not parts.notes:
        raise InvalidDocument("empty", "nothing to paste")
    taken = doc.node_ids()
    renamed: dict[str, str] = {}
    for node in parts.nodes:
        renamed[node["id"]] = new = unique_id(node["id"], taken)
        taken.append(new)
    types = {new: str(node["type"]) for node, new in zip(parts.nodes, renamed.values(),
                                                          strict=True)}
    edges = [DocEdge(renamed[e.source], renamed[e.target], e.kind) for e in parts.edges
             if e.source in renamed and e.target in renamed]
    _check_edges(types, edges)
    positions = {renamed[k]: p for k, p in parts.layout.items() if k in renamed}
    corners = [*positions.values(), *((n.x, n.y) for n in parts.notes)]
    left = min((x for x, _ in corners), default=0.0)
    top = min((y for _, y in corners), default=0.0)
    positions = {k: (x - left + at[0], y - top + at[1]) for k, (x, y) in positions.items()}
    # a graph written by hand: the blocks without a place go below those with one
    positions.update(place_unplaced(list(renamed.values()), positions,
                                    [(e.source, e.target) for e in edges],
                                    renamed.get(str(graph.get("start"))), origin=at))
    edits: list[Edit] = [AddNode({**node, "id": new}, positions[new])
                         for node, new in zip(parts.nodes, renamed.values(), strict=True)]
    edits += [AddEdge(edge) for edge in edges]
    if doc.start is None and renamed.get(str(graph.get("start"))):
        edits.append(SetStart(renamed[str(graph["start"])]))
    note_taken = doc.note_ids()
    note_ids: list[str] = []
    for note in parts.notes:
        note_id = unique_id(note.id, note_taken)
        note_taken.append(note_id)
        note_ids.append(note_id)
        edits.append(AddNote(note.model_copy(update={
            "id": note_id, "x": note.x - left + at[0], "y": note.y - top + at[1]})))
    return Pasted(tuple(edits), "paste", tuple(renamed.values()), tuple(note_ids))


def duplicate(doc: ProcedureDocument, node_ids: Iterable[str],
              note_ids: Iterable[str] = ()) -> Pasted:
    """Copy then paste beside the originals (down and right by ``DUPLICATE_OFFSET``)."""
    text = copy(doc, node_ids, note_ids)
    parts = parse_parts(json.loads(text))
    corners = [*parts.layout.values(), *((n.x, n.y) for n in parts.notes)]
    left = min((x for x, _ in corners), default=0.0)
    top = min((y for _, y in corners), default=0.0)
    return paste(doc, text, (left + DUPLICATE_OFFSET, top + DUPLICATE_OFFSET))


def delete_selection(doc: ProcedureDocument, node_ids: Iterable[str],
                     edges: Iterable[DocEdge] = (), note_ids: Iterable[str] = ()) -> Composite:
    """One edit removing the chosen edges, blocks (with their edges) and notes."""
    gone, chosen_edges, notes = set(node_ids), set(edges), set(note_ids)
    edits: list[Edit] = [RemoveEdge(e) for e in doc.edges()
                         if e in chosen_edges and e.source not in gone and e.target not in gone]
    edits += [RemoveNode(n) for n in doc.node_ids() if n in gone]
    edits += [RemoveNote(n) for n in doc.note_ids() if n in notes]
    return Composite(tuple(edits), "delete")
