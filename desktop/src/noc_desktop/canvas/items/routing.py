"""Edge geometry: where a curve leaves and enters a block's outline, and the paths drawn.

Outlines are any closed ``QPainterPath`` (rounded, diamond, hexagon, delay): crossings are
found by bisection on ``contains``, so an arrow's tip lies on the outline whatever its shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import hypot

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

Bezier = tuple[QPointF, QPointF, QPointF, QPointF]
STEPS = 30  # halvings: far below a pixel for any edge on screen


def bezier_point(curve: Bezier, t: float) -> QPointF:
    p0, p1, p2, p3 = curve
    u = 1 - t
    return p0 * (u * u * u) + p1 * (3 * u * u * t) + p2 * (3 * u * t * t) + p3 * (t * t * t)


def bezier_tangent(curve: Bezier, t: float) -> QPointF:
    p0, p1, p2, p3 = curve
    u = 1 - t
    return (p1 - p0) * (3 * u * u) + (p2 - p1) * (6 * u * t) + (p3 - p2) * (3 * t * t)


def crossing(inside: Callable[[float], bool], lo: float, hi: float) -> float:
    """The parameter in [lo, hi] where ``inside`` flips (its value at lo differs from hi)."""
    at_lo = inside(lo)
    for _ in range(STEPS):
        mid = (lo + hi) / 2
        if inside(mid) == at_lo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def boundary(outline: QPainterPath, inner: QPointF, outer: QPointF) -> QPointF:
    """Where the segment from ``inner`` (inside ``outline``) to ``outer`` crosses it."""
    t = crossing(lambda s: outline.contains(inner + (outer - inner) * s), 0.0, 1.0)
    return inner + (outer - inner) * t


def sub_bezier(curve: Bezier, t0: float, t1: float) -> Bezier:
    """The part of ``curve`` between t0 and t1 (de Casteljau twice)."""

    def split_right(c: Bezier, t: float) -> Bezier:
        p0, p1, p2, p3 = c
        a, b, d = p0 + (p1 - p0) * t, p1 + (p2 - p1) * t, p2 + (p3 - p2) * t
        e, f = a + (b - a) * t, b + (d - b) * t
        return (e + (f - e) * t, f, d, p3)

    right = split_right(curve, t0)
    t = (t1 - t0) / (1 - t0) if t0 < 1 else 1.0
    q0, q1, q2, q3 = right
    # the left part of ``right`` up to t: reverse, split, reverse
    rev = split_right((q3, q2, q1, q0), 1 - t)
    return (rev[3], rev[2], rev[1], rev[0])


def clipped_curve(curve: Bezier, source: QPainterPath, target: QPainterPath) -> Bezier:
    """``curve`` from where it leaves ``source`` to where it first enters ``target``."""
    t0 = 0.0
    if source.contains(curve[0]):
        t0 = crossing(lambda t: source.contains(bezier_point(curve, t)), 0.0, 1.0)
    t1 = 1.0
    if target.contains(curve[3]):
        t1 = crossing(lambda t: target.contains(bezier_point(curve, t)), t0, 1.0)
    return sub_bezier(curve, t0, t1)


def rounded_polyline(points: Sequence[QPointF], radius: float) -> QPainterPath:
    """A path through ``points`` with its corners rounded (orthogonal routes)."""
    path = QPainterPath(points[0])
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        d_in = hypot(corner.x() - before.x(), corner.y() - before.y())
        d_out = hypot(after.x() - corner.x(), after.y() - corner.y())
        r = min(radius, d_in / 2, d_out / 2)
        if r <= 0.01:
            path.lineTo(corner)
            continue
        path.lineTo(corner + (before - corner) * (r / d_in))
        path.quadTo(corner, corner + (after - corner) * (r / d_out))
    path.lineTo(points[-1])
    return path


def unit(vector: QPointF) -> QPointF:
    length = hypot(vector.x(), vector.y())
    return vector / length if length > 1e-9 else QPointF(0, 1)
