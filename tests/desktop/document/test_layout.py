"""Automatic layout without Qt: every node placed, top to bottom along forward edges, no two
blocks overlapping, stored positions kept (the others below them), cycles/parts/single nodes
handled."""

from __future__ import annotations

from typing import Any

import pytest

from noc_contracts import ProcedureGraph
from noc_desktop.document.arrange import place_unplaced
from noc_desktop.document.layout import back_edges
from tests.desktop.document.graphs import EXAMPLE, big_graph, example_graph

SIZE = (180.0, 64.0)


def graph(nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]], start: str,
          layout: dict[str, dict[str, float]] | None = None) -> ProcedureGraph:
    return ProcedureGraph.model_validate({
        "nodes": nodes, "start": start, "layout": layout or {},
        "edges": [{"from": a, "to": b, "on": on} for a, b, on in edges]})


def task(node_id: str) -> dict[str, Any]:
    return {"id": node_id, "type": "task", "task": "ping"}


def end(node_id: str) -> dict[str, Any]:
    return {"id": node_id, "type": "end"}


CASES: dict[str, ProcedureGraph] = {
    "single node": graph([end("only")], [], "only"),
    "chain": graph([task("a"), task("b"), end("c")], [("a", "b", "success"),
                                                        ("b", "c", "success")], "a"),
    "architecture example": example_graph(keep_layout=False),
    "cycle through a loop": graph(
        [task("a"), {"id": "l", "type": "loop", "max_iterations": 2}, task("b"), end("z")],
        [("a", "l", "success"), ("l", "b", "body"), ("b", "l", "success"),
         ("l", "z", "done")], "a"),
    "disconnected parts": graph([task("a"), end("b"), task("x"), end("y")],
                                [("a", "b", "success"), ("x", "y", "success")], "a"),
    "two edges between the same blocks": graph(
        [{"id": "d", "type": "decision", "condition": "true"}, end("e")],
        [("d", "e", "true"), ("d", "e", "false")], "d"),
    "self loop": graph([{"id": "w", "type": "wait", "seconds": 1}], [("w", "w", "next")], "w"),
    "200 blocks": big_graph(200),
}


def place(g: ProcedureGraph, sizes: dict[str, tuple[float, float]]
          ) -> dict[str, tuple[float, float]]:
    """Every block's centre as the canvas places it: stored, else by ``place_unplaced``."""
    stored = {k: (p.x, p.y) for k, p in g.layout.items()}
    return {**stored, **place_unplaced([n.id for n in g.nodes], stored,
                                       [(e.from_, e.to) for e in g.edges], g.start, sizes)}


def sizes_of(g: ProcedureGraph) -> dict[str, tuple[float, float]]:
    # blocks of different sizes, as the canvas has
    return {n.id: (SIZE[0] + 20 * (i % 3), SIZE[1] + 10 * (i % 2))
            for i, n in enumerate(g.nodes)}


def overlapping(positions: dict[str, tuple[float, float]],
                sizes: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    ids = sorted(positions)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if abs(positions[a][0] - positions[b][0]) * 2 < sizes[a][0] + sizes[b][0]
            and abs(positions[a][1] - positions[b][1]) * 2 < sizes[a][1] + sizes[b][1]]


@pytest.mark.parametrize("name", list(CASES))
def test_every_node_is_placed_without_overlap(name: str) -> None:
    g = CASES[name]
    sizes = sizes_of(g)
    positions = place(g, sizes)
    assert set(positions) == {n.id for n in g.nodes}
    assert overlapping(positions, sizes) == []


@pytest.mark.parametrize("name", list(CASES))
def test_forward_edges_point_down(name: str) -> None:
    g = CASES[name]
    positions = place(g, sizes_of(g))
    pairs = [(e.from_, e.to) for e in g.edges]
    back = back_edges([n.id for n in g.nodes], pairs, g.start)
    for index, (source, target) in enumerate(pairs):
        if index not in back and source != target:
            assert positions[target][1] > positions[source][1], (source, target)


@pytest.mark.parametrize(("edges", "start", "expected"), [
    ([("a", "b"), ("b", "a")], "a", {1}),
    ([("a", "b"), ("b", "c"), ("c", "a"), ("c", "b")], "a", {2, 3}),
    ([("a", "b"), ("a", "c"), ("b", "c")], "a", set()),
    ([("a", "a")], "a", {0}),
    ([("b", "a"), ("a", "b")], "a", {0}),  # from the start, a -> b is the forward one
])
def test_back_edges_close_cycles_seen_from_the_start(
        edges: list[tuple[str, str]], start: str, expected: set[int]) -> None:
    assert back_edges(["a", "b", "c"], edges, start) == expected


def test_the_start_is_on_top() -> None:
    g = example_graph(keep_layout=False)
    positions = place(g, sizes_of(g))
    assert positions["check"][1] == min(y for _, y in positions.values())


def test_stored_positions_win_and_others_keep_clear_of_them() -> None:
    layout = {"check": {"x": 0, "y": 0}, "alert": {"x": 500, "y": 40},
              "tries": {"x": -300, "y": 260}}
    g = ProcedureGraph.model_validate({**EXAMPLE, "layout": layout})
    sizes = sizes_of(g)
    positions = place(g, sizes)
    for node_id, point in layout.items():
        assert positions[node_id] == (point["x"], point["y"])
    assert overlapping(positions, sizes) == []


def test_blocks_without_a_place_go_below_the_placed_ones_left_aligned() -> None:
    layout = {"check": {"x": 0, "y": 0}, "alert": {"x": 500, "y": 40}}
    g = ProcedureGraph.model_validate({**EXAMPLE, "layout": layout})
    sizes = sizes_of(g)
    positions = place(g, sizes)
    others = [n.id for n in g.nodes if n.id not in layout]
    assert min(positions[n][1] - sizes[n][1] / 2 for n in others) == 140  # 100 below alert
    assert min(positions[n][0] - sizes[n][0] / 2 for n in others) == 0  # check's left
    assert overlapping(positions, sizes) == []


def test_fully_stored_layout_is_returned_as_stored() -> None:
    g = graph([task("a"), end("b")], [("a", "b", "success")], "a",
              {"a": {"x": 10, "y": 20}, "b": {"x": 10, "y": 200}})
    assert place(g, sizes_of(g)) == {"a": (10, 20), "b": (10, 200)}


def test_disconnected_parts_sit_side_by_side_start_part_first() -> None:
    g = CASES["disconnected parts"]
    positions = place(g, sizes_of(g))
    assert max(positions["a"][0], positions["b"][0]) < min(positions["x"][0],
                                                           positions["y"][0])


def test_200_blocks_are_all_placed() -> None:
    """Every block of a large flow gets a position (how fast: bench/bench_canvas.py)."""
    g = big_graph(200)
    positions = place(g, sizes_of(g))
    assert set(positions) == {n.id for n in g.nodes}
