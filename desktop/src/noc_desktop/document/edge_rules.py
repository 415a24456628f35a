"""Which edges a block may have: the kinds valid for its type (``noc_contracts.EDGE_KINDS``),
each at most once per source, offered in a fixed order so a new edge gets the first free one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from noc_contracts import EDGE_KINDS
from noc_desktop.document.changes import DocEdge
from noc_desktop.document.errors import EditRefused

if TYPE_CHECKING:
    from noc_desktop.document.procedure import ProcedureDocument

#: The order kinds are offered in: the usual path first.
KIND_ORDER: tuple[str, ...] = ("success", "failure", "true", "false", "body", "done", "next")


def valid_edge_kinds(node_type: str) -> tuple[str, ...]:
    """The kinds a node of ``node_type`` may have leaving it, in ``KIND_ORDER``."""
    allowed = EDGE_KINDS.get(node_type, frozenset())
    return tuple(kind for kind in KIND_ORDER if kind in allowed)


def used_kinds(doc: ProcedureDocument, source: str,
               ignoring: DocEdge | None = None) -> set[str]:
    return {e.kind for e in doc.edges() if e.source == source and e != ignoring}


def first_free_kind(doc: ProcedureDocument, source: str) -> str | None:
    """The first kind valid for ``source`` that it does not use yet (None: all are used)."""
    used = used_kinds(doc, source)
    return next((k for k in valid_edge_kinds(doc.node_type(source)) if k not in used), None)


def check_edge(doc: ProcedureDocument, source: str, target: str, kind: str,
               ignoring: DocEdge | None = None) -> EditRefused | None:
    """Why the edge ``source --kind--> target`` cannot be added, or None when it can.

    ``ignoring`` is an edge being reconnected (its own kind does not count as used).
    """
    for end in (source, target):
        if not doc.has_node(end):
            return EditRefused("unknown_node", f"there is no node '{end}'", node=end)
    node_type = doc.node_type(source)
    valid = valid_edge_kinds(node_type)
    if not valid:
        return EditRefused("no_edges", f"a {node_type} block has no outgoing edges",
                           type=node_type)
    if kind not in valid:
        return EditRefused("invalid_kind",
                           f"a {node_type} block cannot have a '{kind}' edge "
                           f"(allowed: {', '.join(valid)})",
                           type=node_type, kind=kind, allowed=valid)
    if kind in used_kinds(doc, source, ignoring):
        return EditRefused("kind_used", f"'{source}' already has a '{kind}' edge",
                           node=source, kind=kind)
    return None
