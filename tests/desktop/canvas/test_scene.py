"""The flowchart scene: one item per node and edge, shapes per type, labelled edges whose
arrows stop on the target's outline, lines clear of blocks, edges following moved blocks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.controller import CanvasController
from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.scene import FlowchartScene
from noc_desktop.document import ProcedureDocument
from tests.desktop.canvas.geometry import blocks_crossed, distance_to_outline, path_start
from tests.desktop.document.graphs import EXAMPLE, big_graph, example_graph


@pytest.fixture
def scene(qapp: object) -> FlowchartScene:
    flow = FlowchartScene()
    flow.set_graph(example_graph())
    return flow


def test_one_item_per_node_and_edge(scene: FlowchartScene) -> None:
    graph = example_graph()
    assert set(scene.blocks) == {n.id for n in graph.nodes}
    assert [(e.source.node_id, e.target.node_id, e.kind) for e in scene.edges] == [
        (e.from_, e.to, e.on) for e in graph.edges]
    blocks = [i for i in scene.items() if isinstance(i, BlockItem)]
    assert len(blocks) == len(graph.nodes)


def test_shapes_per_node_type(scene: FlowchartScene) -> None:
    shapes = {node_id: block.look.shape for node_id, block in scene.blocks.items()}
    assert shapes == {"check": "task", "up?": "decision", "tries": "loop", "start": "task",
                      "pause": "wait", "alert": "task", "ok": "terminal", "bad": "terminal"}
    # a diamond: its corners are outside, its vertices on the outline
    diamond = scene.blocks["up?"]
    w, h = diamond.size.width(), diamond.size.height()
    assert not diamond.outline.contains(QPointF(w / 2 - 4, h / 2 - 4))
    assert distance_to_outline(QPointF(w / 2, 0), diamond.outline) < 0.5


def test_blocks_show_their_facts(scene: FlowchartScene) -> None:
    looks = {node_id: block.look for node_id, block in scene.blocks.items()}
    assert (looks["check"].mark, looks["start"].mark, looks["alert"].mark) == ("M", "A", "N")
    assert looks["check"].subtitle == "service_status"
    assert looks["check"].start_text == "Start"
    assert [k for k, look in looks.items() if look.start_text] == ["check"]
    assert "steps.check.facts.state == 'running'" in scene.blocks["up?"].toolTip()
    assert "3" in looks["tries"].subtitle
    assert "10 s" in looks["pause"].subtitle
    assert looks["ok"].mark == "end-success" and looks["bad"].mark == "end-failure"


def test_edges_are_labelled_with_their_kind(scene: FlowchartScene) -> None:
    assert [e.label.text for e in scene.edges] == [e.on for e in example_graph().edges]
    assert all(e.label.scene() is scene for e in scene.edges)
    assert all(e.label.zValue() > max(b.zValue() for b in scene.blocks.values())
               for e in scene.edges)
    assert scene.edges[0].color != scene.edges[1].color  # success vs failure


@pytest.mark.parametrize("graph", [example_graph(), example_graph(keep_layout=False),
                                   big_graph(50)], ids=["stored", "auto", "50 blocks"])
def test_arrow_tips_lie_on_the_target_outline(qapp: object, graph: object) -> None:
    flow = FlowchartScene()
    flow.set_graph(graph)  # type: ignore[arg-type]
    for edge in flow.edges:
        assert distance_to_outline(edge.tip, edge.target.scene_outline()) < 1.0, edge.kind
        assert distance_to_outline(path_start(edge), edge.source.scene_outline()) < 1.0


@pytest.mark.parametrize("graph", [example_graph(), big_graph(50)], ids=["example", "50"])
def test_lines_and_labels_keep_clear_of_blocks(qapp: object, graph: object) -> None:
    flow = FlowchartScene()
    flow.set_graph(graph)  # type: ignore[arg-type]
    blocks = list(flow.blocks.values())
    for edge in flow.edges:
        assert blocks_crossed(edge, blocks) == [], (edge.source.node_id, edge.target.node_id)
        plate = QPainterPath()
        plate.addRect(edge.label.sceneBoundingRect())
        assert [b.node_id for b in blocks if b.scene_outline().intersects(plate)] == []


def test_back_edges_go_round_the_side(scene: FlowchartScene) -> None:
    back = next(e for e in scene.edges if e.source.node_id == "pause")
    assert back.is_back()
    right = max(back.source.scene_outline().boundingRect().right(),
                back.target.scene_outline().boundingRect().right())
    assert back.path.boundingRect().right() > right
    assert [e.is_back() for e in scene.edges].count(True) == 1


def test_edges_follow_a_moved_block(scene: FlowchartScene) -> None:
    block = scene.blocks["start"]
    incoming = [e for e in block.edges if e.target is block]
    outgoing = [e for e in block.edges if e.source is block]
    before = [e.tip for e in incoming] + [path_start(e) for e in outgoing]
    block.setPos(block.pos() + QPointF(150, 40))
    after = [e.tip for e in incoming] + [path_start(e) for e in outgoing]
    assert all(a != b for a, b in zip(before, after, strict=True))
    for edge in incoming:
        assert distance_to_outline(edge.tip, block.scene_outline()) < 1.0
    for edge in outgoing:
        assert distance_to_outline(path_start(edge), block.scene_outline()) < 1.0


def test_a_graph_again_replaces_the_items(scene: FlowchartScene) -> None:
    scene.set_graph(big_graph(20))
    assert len([i for i in scene.items() if isinstance(i, BlockItem)]) == len(scene.blocks)
    assert "check" not in scene.blocks
    assert scene.sceneRect().contains(scene.itemsBoundingRect())
    assert isinstance(scene.sceneRect(), QRectF)


def test_a_shown_graph_is_built_as_the_editor_builds_it(qapp: object) -> None:
    """The version preview and compare canvases: the notes shown, blocks without a stored
    position placed where the editor places them, nothing movable."""
    graph = ProcedureGraph.model_validate({
        **EXAMPLE, "layout": {"check": {"x": 0, "y": 0}, "alert": {"x": 500, "y": 40}},
        "notes": [{"id": "why", "text": "restart thrice, then page", "x": -300, "y": -40}]})
    shown = FlowchartScene()
    shown.set_graph(graph)
    edited = FlowchartScene()
    CanvasController(edited).set_document(ProcedureDocument.from_graph(graph))
    assert list(shown.notes) == ["why"]
    assert shown.notes["why"].pos() == QPointF(-300, -40)
    assert {n: b.pos() for n, b in shown.blocks.items()} == {
        n: b.pos() for n, b in edited.blocks.items()}
    assert shown.blocks["alert"].pos() == QPointF(500, 40)
    assert not any(b.editable for b in shown.blocks.values())
    assert not any(n.editable for n in shown.notes.values())
