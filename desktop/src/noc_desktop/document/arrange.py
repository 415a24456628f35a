"""Automatic layout as an edit: every block's new centre from ``layout.auto_layout`` (grandalf),
as one ``MoveNodes`` so the user can undo it; notes stay where they are. ``place_unplaced`` is
the one rule for blocks that come without a position (a graph opened, shown or pasted)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from noc_desktop.document.layout import Size
from noc_desktop.document.layout import auto_layout as _layered
from noc_desktop.document.node_edits import MoveNodes
from noc_desktop.document.procedure import Position, ProcedureDocument

#: A block's size when the canvas does not say (close to the canvas's task block).
DEFAULT_SIZE: Size = (180.0, 64.0)


def layered_positions(node_ids: list[str], edges: Iterable[tuple[str, str]], start: str | None,
                      sizes: Mapping[str, Size] | None = None,
                      origin: Position = (0.0, 0.0)) -> dict[str, Position]:
    """Centres for ``node_ids`` laid out top-down from ``start``, the top-left at ``origin``."""
    if not node_ids:
        return {}
    known = sizes or {}
    all_sizes = {node_id: known.get(node_id, DEFAULT_SIZE) for node_id in node_ids}
    pairs = [(a, b) for a, b in edges if a in all_sizes and b in all_sizes]
    placed = _layered(node_ids, pairs, all_sizes, start)
    left = min(x - all_sizes[n][0] / 2 for n, (x, _) in placed.items())
    top = min(y - all_sizes[n][1] / 2 for n, (_, y) in placed.items())
    return {n: (x - left + origin[0], y - top + origin[1]) for n, (x, y) in placed.items()}


def place_unplaced(node_ids: Sequence[str], placed: Mapping[str, Position],
                   edges: Iterable[tuple[str, str]], start: str | None,
                   sizes: Mapping[str, Size] | None = None,
                   origin: Position = (0.0, 0.0)) -> dict[str, Position]:
    """Positions for the blocks of ``node_ids`` that ``placed`` has none for: laid out top-down
    among themselves, left-aligned with the placed blocks and below them (the top-left at
    ``origin`` when none is placed). The placed blocks keep theirs (not in the answer)."""
    unplaced = [n for n in node_ids if n not in placed]
    if not unplaced:
        return {}
    known = [placed[n] for n in node_ids if n in placed]
    left = min((x for x, _ in known), default=origin[0])
    below = max((y for _, y in known), default=origin[1] - 100.0) + 100.0
    return layered_positions(unplaced, edges, start, sizes, origin=(left, below))


def auto_layout(doc: ProcedureDocument, sizes: Mapping[str, Size] | None = None) -> MoveNodes:
    """Move every block to its place in a layered layout (one undo step).

    ``sizes`` are the blocks' sizes on the canvas (``DEFAULT_SIZE`` for any not given). The
    layout keeps the top-left corner where the blocks' top-left corner was, so the view does
    not jump away.
    """
    node_ids = doc.node_ids()
    size = {n: (sizes or {}).get(n, DEFAULT_SIZE) for n in node_ids}
    corners = [(p[0] - size[n][0] / 2, p[1] - size[n][1] / 2)
               for n in node_ids if (p := doc.position(n)) is not None]
    origin = (min(x for x, _ in corners), min(y for _, y in corners)) if corners else (0.0, 0.0)
    positions = layered_positions(node_ids, [(e.source, e.target) for e in doc.edges()],
                                  doc.start, size, origin)
    return MoveNodes.of(positions)
