"""Automatic layered layout of a procedure graph: top to bottom, few crossings (grandalf).

Positions are block centres in scene units. Flowcharts loop, so the edges that close a cycle
(found by a depth-first walk from the start) are laid out reversed and drawn as back edges;
each disconnected part is laid out on its own, side by side. Blocks without a stored position
are placed by ``arrange.place_unplaced``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

Size = tuple[float, float]
Position = tuple[float, float]
#: Gaps between blocks: across a layer, and between layers (room for edge labels).
GAP_X = 48.0
GAP_Y = 64.0
DUMMY_WIDTH = 8.0


class _View:
    """What grandalf reads (w, h) and writes (xy) for each vertex."""

    def __init__(self, w: float, h: float) -> None:
        self.w = w
        self.h = h
        self.xy: tuple[float, float] = (0.0, 0.0)


def back_edges(node_ids: Sequence[str], edges: Sequence[tuple[str, str]],
               start: str | None = None) -> set[int]:
    """Indexes of the edges that close a cycle (target on the walk's stack), walking from
    ``start`` first and then from every node not reached yet, in order."""
    out: dict[str, list[tuple[int, str]]] = {node: [] for node in node_ids}
    for index, (source, target) in enumerate(edges):
        if source in out and target in out:
            out[source].append((index, target))
    found: set[int] = set()
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    roots = ([start] if start in out else []) + list(node_ids)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            node, children = stack[-1]
            for index, child in children:
                if state.get(child) == 1:
                    found.add(index)
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(out[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return found


def auto_layout(node_ids: Sequence[str], edges: Sequence[tuple[str, str]],
                sizes: Mapping[str, Size], start: str | None = None, *,
                gap_x: float = GAP_X, gap_y: float = GAP_Y) -> dict[str, Position]:
    """Every node's centre, laid out in layers from ``start`` down; parts side by side."""
    vertices = {node: Vertex(node) for node in node_ids}
    for node, vertex in vertices.items():
        vertex.view = _View(*sizes[node])
    reversed_ = back_edges(node_ids, edges, start)
    pairs: set[tuple[str, str]] = set()  # (upper, lower): a back edge is laid out reversed
    for index, (source, target) in enumerate(edges):
        if source != target and source in vertices and target in vertices:
            pairs.add((target, source) if index in reversed_ else (source, target))
    graph = Graph(list(vertices.values()),
                  [Edge(vertices[upper], vertices[lower]) for upper, lower in sorted(pairs)])
    parts = sorted(graph.C, key=lambda part: 0 if start in {v.data for v in part.sV} else 1)
    positions: dict[str, Position] = {}
    left = 0.0
    for part in parts:
        layout = SugiyamaLayout(part)
        layout.xspace, layout.yspace = gap_x, gap_y
        # the bends of long edges: narrow, so many edges past a layer do not widen it a lot
        layout.dw, layout.dh = DUMMY_WIDTH, DUMMY_WIDTH
        roots = [vertices[start]] if start in vertices and vertices[start] in part.sV else []
        layout.init_all(roots=roots, inverted_edges=[])
        layout.draw()
        part_vertices = list(part.sV)
        min_x = min(v.view.xy[0] - v.view.w / 2 for v in part_vertices)
        max_x = max(v.view.xy[0] + v.view.w / 2 for v in part_vertices)
        min_y = min(v.view.xy[1] - v.view.h / 2 for v in part_vertices)
        for vertex in part_vertices:
            x, y = vertex.view.xy
            positions[vertex.data] = (x - min_x + left, y - min_y)
        left += max_x - min_x + gap_x * 2
    return positions
