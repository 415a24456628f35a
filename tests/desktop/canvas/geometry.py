"""Measuring the drawn flowchart: distances to outlines, what a stroke touches."""

from __future__ import annotations

from itertools import pairwise
from math import hypot

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPainterPathStroker

from noc_desktop.canvas.items.block import BlockItem
from noc_desktop.canvas.items.edge import EdgeItem


def distance_to_outline(point: QPointF, outline: QPainterPath) -> float:
    """The shortest distance from ``point`` to the (flattened) outline's segments."""
    best = float("inf")
    for polygon in outline.toSubpathPolygons():
        points = [polygon.at(i) for i in range(polygon.size())]
        for a, b in pairwise(points):
            ab = b - a
            length2 = ab.x() ** 2 + ab.y() ** 2
            t = 0.0 if length2 == 0 else max(0.0, min(1.0, QPointF.dotProduct(point - a, ab)
                                                     / length2))
            nearest = a + ab * t
            best = min(best, hypot(point.x() - nearest.x(), point.y() - nearest.y()))
    return best


def blocks_crossed(edge: EdgeItem, blocks: list[BlockItem]) -> list[str]:
    """Ids of the blocks, other than the edge's ends, that its line runs through."""
    stroker = QPainterPathStroker()
    stroker.setWidth(2)
    stroke = stroker.createStroke(edge.path)
    return [b.node_id for b in blocks if b is not edge.source and b is not edge.target
            and b.scene_outline().intersects(stroke)]


def path_start(edge: EdgeItem) -> QPointF:
    return edge.path.pointAtPercent(0.0)
