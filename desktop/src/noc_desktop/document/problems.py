"""What is wrong with the document as the user edits: the contracts' one validation
(``validate_graph``) plus what only a draft can get wrong (a field of the wrong type, a missing
condition, no start, no name). Cached per document revision: cheap to ask after every edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from noc_contracts import ProcedureGraph, validate_graph
from noc_contracts.graph import Point
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.node_checks import NodeChecks, Slip
from noc_desktop.document.procedure import ProcedureDocument


@dataclass(frozen=True)
class Problem:
    """One problem: the node and field at fault when known (``edge``: the edge named by an
    ``edges.<i>`` field), and an English message (the same the server gives)."""

    node_id: str | None
    field: str | None
    message: str
    edge: DocEdge | None = None


def compute_problems(doc: ProcedureDocument) -> list[Problem]:
    """Every problem, not cached (see ``problems``)."""
    found: list[Problem] = []
    if not doc.name.strip():
        found.append(Problem(None, "name", "a procedure needs a name"))
    if not doc.node_ids():
        found.append(Problem(None, "nodes", "the procedure has no blocks"))
        return found
    memo = doc.derived.get("problem_memo", (0, None))[1]
    if not isinstance(memo, NodeChecks):
        memo = NodeChecks()
        doc.derived["problem_memo"] = (0, memo)
    nodes = []
    for node_id in doc.node_ids():
        slips: list[Slip] = []
        nodes.append(memo.model(doc.node_view(node_id), slips))
        found.extend(Problem(node_id, field, message) for field, message in slips)
    at_fault = {(p.node_id, (p.field or "").split(".")[0]) for p in found}
    edges = doc.edges()
    graph = ProcedureGraph.model_construct(
        schema_version=1, nodes=nodes,
        edges=[memo.edge(e) for e in edges],
        start=doc.start or "", allow_command=doc.allow_command, notes=doc.notes(),
        layout={k: Point(x=x, y=y) for k, (x, y) in doc.layout().items()})
    for detail in validate_graph(graph, check_node=memo.check):
        field = detail.field
        if (detail.node, (field or "").split(".")[0]) in at_fault:
            continue  # already said better above
        if field == "start" and doc.start is None:
            found.append(Problem(None, "start", "choose the block the procedure starts at"))
            continue
        edge = None
        if field and field.startswith("edges."):
            index = field.split(".")[1]
            edge = edges[int(index)] if index.isdigit() and int(index) < len(edges) else None
        found.append(Problem(detail.node, field, detail.message, edge))
    return found


def problems(doc: ProcedureDocument) -> list[Problem]:
    """Every problem of ``doc`` now (the same list until the document changes)."""
    cached = doc.derived.get("problems")
    if cached is not None and cached[0] == doc.revision:
        return list(cached[1])
    found = compute_problems(doc)
    doc.derived["problems"] = (doc.revision, found)
    return list(found)


def problems_of(doc: ProcedureDocument, node_id: str) -> list[Problem]:
    """The problems naming ``node_id`` (to mark its block and its form's fields)."""
    return [p for p in problems(doc) if p.node_id == node_id]
