"""The server's verdict on a graph (``POST /procedures/validate``, or a save's 422) as the
editor's problems: each detail names its node and a field relative to that node, so the block
and the field of its form can be marked. No Qt."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from noc_contracts import ErrorDetail
from noc_desktop.document import DocEdge, Problem

#: ``graph.`` (a save's body) and ``nodes.<i>.`` (a shape error's location) before the field
_PREFIX = re.compile(r"^(graph\.)?(nodes\.\d+\.?)?")
_EDGE = re.compile(r"^edges\.(\d+)")


def problem_of(detail: ErrorDetail, edges: Sequence[DocEdge] = ()) -> Problem:
    """One detail as a problem; ``edges`` (the document's, in order) name an ``edges.<i>``."""
    field = detail.field
    if field is not None:
        field = field.removeprefix("graph.")
        if detail.node is not None:
            field = _PREFIX.sub("", field)
        field = field or None
    edge = None
    match = _EDGE.match(field or "")
    if match and int(match.group(1)) < len(edges):
        edge = edges[int(match.group(1))]
    return Problem(detail.node, field, detail.message, edge)


def problems_of_details(details: Iterable[ErrorDetail],
                        edges: Sequence[DocEdge] = ()) -> list[Problem]:
    """Every detail as a problem, in the server's order, without repeats."""
    found: list[Problem] = []
    for detail in details:
        problem = problem_of(detail, edges)
        if problem not in found:
            found.append(problem)
    return found


def field_messages(found: Iterable[Problem], node_id: str) -> dict[str, str]:
    """``{field: message}`` of the problems naming ``node_id`` (a form's ``show_problems``);
    several on one field are joined, one naming no field is keyed by ``""``."""
    messages: dict[str, str] = {}
    for problem in found:
        if problem.node_id != node_id:
            continue
        key = problem.field or ""
        messages[key] = (f"{messages[key]}; {problem.message}" if key in messages
                         else problem.message)
    return messages
