"""``FlowchartScene``: a procedure graph as block and edge items, laid out, with run states
and the selected host's path painted over it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from noc_contracts import ProcedureGraph
from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.items.edge import EdgeItem
from noc_desktop.canvas.looks import edge_text, look_of
from noc_desktop.canvas.states import IDLE, BlockState
from noc_desktop.document.layout import place
from noc_desktop.document.model import flow_of

MARGIN = 40.0


class FlowchartScene(QGraphicsScene):
    """Items by node id (``blocks``) and the edges, in the graph's order (``edges``)."""

    #: a block was clicked (its node id)
    block_selected = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocks: dict[str, BlockItem] = {}
        self.edges: list[EdgeItem] = []
        self.setBackgroundBrush(QColor("#f7f9fa"))

    def set_graph(self, graph: ProcedureGraph,
                  task_kinds: Mapping[str, str] | None = None) -> None:
        """Show ``graph`` (replacing what was shown); ``task_kinds``: task type -> kind."""
        self.clear()
        self.blocks, self.edges = {}, []
        flow = flow_of(graph, task_kinds)
        for node in flow.nodes:
            block = BlockItem(look_of(node))
            self.blocks[node.id] = block
        sizes = {node_id: (b.size.width(), b.size.height()) for node_id, b in self.blocks.items()}
        for node_id, (x, y) in place(graph, sizes).items():
            self.blocks[node_id].setPos(x, y)
            self.addItem(self.blocks[node_id])
        for edge in flow.edges:
            if edge.source in self.blocks and edge.target in self.blocks:
                item = EdgeItem(self.blocks[edge.source], self.blocks[edge.target], edge.kind,
                                edge_text(edge.kind))
                self.edges.append(item)
                self.addItem(item)
                self.addItem(item.label)
        obstacles = list(self.blocks.values())
        for item in self.edges:
            item.obstacles = obstacles
            item.adjust()
        self.fit_scene_rect()

    def fit_scene_rect(self) -> None:
        """The scene's extent: every item plus a margin (the view's scroll range)."""
        self.setSceneRect(self.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def set_block_states(self, states: Mapping[str, BlockState]) -> None:
        """Each named block's run state; blocks not named go back to idle."""
        for node_id, block in self.blocks.items():
            block.set_state(states.get(node_id, IDLE))

    def clear_block_states(self) -> None:
        self.set_block_states({})

    def set_path(self, path: Sequence[str]) -> None:
        """Highlight the edges walked along ``path`` (node ids in order); empty clears."""
        steps: dict[int, list[int]] = {}
        for step, (source, target) in enumerate(pairwise(path), start=1):
            for index, edge in enumerate(self.edges):
                if edge.source.node_id == source and edge.target.node_id == target:
                    steps.setdefault(index, []).append(step)
        for index, edge in enumerate(self.edges):
            edge.set_steps(steps.get(index, []))

    def walked_edges(self) -> list[tuple[str, str, str]]:
        """(source, target, kind) of every highlighted edge, in the graph's order."""
        return [(e.source.node_id, e.target.node_id, e.kind) for e in self.edges if e.walked]

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        for item in self.items(event.scenePos()):
            if isinstance(item, BlockItem):
                self.block_selected.emit(item.node_id)
                break
