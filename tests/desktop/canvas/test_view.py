"""The flowchart view: fit shows every block, zoom by keys, a click selects a block, run
states recolour blocks with a count badge, the walked path is highlighted, 200 blocks fast."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_desktop.canvas.items import colors
from noc_desktop.canvas.states import BlockState
from noc_desktop.canvas.view import FlowchartView
from tests.desktop.document.graphs import big_graph, example_graph


@pytest.fixture
def view(qtbot: QtBot) -> FlowchartView:
    widget = FlowchartView()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_graph(example_graph())
    return widget


def visible(view: FlowchartView, node_id: str) -> bool:
    rect = view.flow_scene.blocks[node_id].sceneBoundingRect()
    return view.viewport().rect().contains(view.mapFromScene(rect).boundingRect())


def pixel(view: FlowchartView, scene_point: QPointF) -> QColor:
    image: QImage = view.viewport().grab().toImage()
    return image.pixelColor(view.mapFromScene(scene_point))


def test_fit_shows_every_block(view: FlowchartView) -> None:
    view.set_zoom(3.0)
    assert not all(visible(view, node) for node in view.flow_scene.blocks)
    view.fit()
    assert all(visible(view, node) for node in view.flow_scene.blocks)
    assert view.zoom() < 1.0


def test_fit_never_enlarges_a_small_flow_past_100_percent(qtbot: QtBot) -> None:
    widget = FlowchartView()
    qtbot.addWidget(widget)
    widget.set_graph(big_graph(8))  # before it is shown: fits again once it has its size
    widget.resize(1600, 1200)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.zoom() == pytest.approx(1.0)
    assert all(visible(widget, node) for node in widget.flow_scene.blocks)


def test_zoom_with_keys(view: FlowchartView, qtbot: QtBot) -> None:
    start = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(start * 1.2)
    QTest.keyClick(view, Qt.Key.Key_Minus)
    QTest.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(start / 1.2)
    view.set_zoom(2.5)
    view.activateWindow()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(start)


def test_zoom_is_bounded(view: FlowchartView) -> None:
    view.set_zoom(100)
    assert view.zoom() == pytest.approx(4.0)
    view.set_zoom(0)
    assert view.zoom() == pytest.approx(0.05)


def test_a_click_on_a_block_selects_it(view: FlowchartView, qtbot: QtBot) -> None:
    block = view.flow_scene.blocks["up?"]
    with qtbot.waitSignal(view.block_selected) as signal:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, view.mapFromScene(block.scenePos()))
    assert signal.args == ["up?"]
    assert block.isSelected()


def test_a_click_on_the_background_selects_nothing(view: FlowchartView, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(view.block_selected):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(3, 3))


def test_block_states_recolour_and_count_hosts(view: FlowchartView) -> None:
    view.set_zoom(1.0)
    block = view.flow_scene.blocks["alert"]
    view.centerOn(block)
    inside = block.scenePos() + QPointF(-block.size.width() / 2 + 30, block.size.height() / 2
                                        - 5)
    assert pixel(view, inside) == colors.STATUS_COLORS["idle"][0]
    view.set_block_states({"alert": BlockState("failed", hosts_here=12),
                           "check": BlockState("success")})
    assert pixel(view, inside) == colors.STATUS_COLORS["failed"][0]
    assert block.badge_text() == "12"
    assert pixel(view, block.scenePos() + block.badge_at) == colors.BADGE
    assert view.flow_scene.blocks["check"].state.status == "success"
    assert view.flow_scene.blocks["start"].state.status == "idle"
    view.set_block_states({"alert": BlockState("running")})
    assert block.badge_text() == ""
    assert view.flow_scene.blocks["check"].state.status == "idle"
    view.clear_block_states()
    assert pixel(view, inside) == colors.STATUS_COLORS["idle"][0]


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown block status"):
        BlockState("exploded")


def test_set_path_highlights_exactly_the_walked_edges(view: FlowchartView) -> None:
    view.set_path(["check", "up?", "tries", "start", "pause", "check", "alert", "bad"])
    assert view.flow_scene.walked_edges() == [
        ("check", "up?", "success"), ("check", "alert", "failure"), ("up?", "tries", "false"),
        ("tries", "start", "body"), ("start", "pause", "success"), ("pause", "check", "next"),
        ("alert", "bad", "success")]
    steps = {(e.source.node_id, e.target.node_id): e.steps for e in view.flow_scene.edges}
    assert steps[("check", "up?")] == (1,)
    assert steps[("pause", "check")] == (5,)
    assert steps[("up?", "ok")] == ()
    assert view.flow_scene.edges[0].label.steps_text == "1"
    view.set_path(["check", "up?", "tries", "start", "pause", "check", "up?"])
    assert steps != {(e.source.node_id, e.target.node_id): e.steps
                     for e in view.flow_scene.edges}
    assert view.flow_scene.edges[0].steps == (1, 6)
    view.set_path([])
    assert view.flow_scene.walked_edges() == []


def test_200_blocks_render_and_fit(qtbot: QtBot) -> None:
    """A large flow renders and fits whole (how fast: bench/bench_canvas.py)."""
    widget = FlowchartView()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    graph = big_graph(200)
    widget.set_graph(graph)
    widget.viewport().grab()
    assert len(widget.flow_scene.blocks) == len(graph.nodes)
    assert all(visible(widget, node) for node in widget.flow_scene.blocks)


def test_ctrl_wheel_zooms_and_plain_wheel_scrolls(view: FlowchartView) -> None:
    view.set_zoom(1.0)
    centre = QPointF(view.viewport().rect().center())
    global_centre = QPointF(view.viewport().mapToGlobal(centre.toPoint()))

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(centre, global_centre, QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)

    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.2)
    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.zoom() == pytest.approx(1.2)
