"""The canvas palette: task kinds, edge kinds, run statuses, the walked path.

Colour-blind friendly hues (Okabe-Ito leaning) and never the only cue: edges always carry
their kind as a label, tasks a kind letter, statuses a glyph.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

INK = QColor("#263238")
MUTED_INK = QColor("#607d8b")
BLOCK_FILL = QColor("#ffffff")
BLOCK_BORDER = QColor("#78909c")
SELECTED = QColor("#1976d2")
BADGE = QColor("#283593")
START = QColor("#37474f")
PATH_HALO = QColor(255, 179, 0, 150)

KIND_COLORS: dict[str, QColor] = {
    "monitoring": QColor("#0072b2"),
    "action": QColor("#d55e00"),
    "notification": QColor("#8e44ad"),
}
UNKNOWN_KIND = QColor("#90a4ae")

EDGE_COLORS: dict[str, QColor] = {
    "success": QColor("#2e7d32"),
    "failure": QColor("#c62828"),
    "true": QColor("#0072b2"),
    "false": QColor("#e69f00"),
    "body": QColor("#6a1b9a"),
    "done": QColor("#00796b"),
    "next": QColor("#78909c"),
}

END_COLORS: dict[str, QColor] = {"success": QColor("#2e7d32"), "failure": QColor("#c62828")}

#: status -> (fill, border)
STATUS_COLORS: dict[str, tuple[QColor, QColor]] = {
    "idle": (BLOCK_FILL, BLOCK_BORDER),
    "running": (QColor("#e3f2fd"), QColor("#1565c0")),
    "success": (QColor("#e8f5e9"), QColor("#2e7d32")),
    "failed": (QColor("#ffebee"), QColor("#c62828")),
    "visited": (QColor("#eef1f3"), QColor("#546e7a")),
    "cancelled": (QColor("#f5f5f5"), QColor("#9e9e9e")),
}


def edge_color(kind: str) -> QColor:
    return EDGE_COLORS.get(kind, EDGE_COLORS["next"])


def kind_color(kind: str | None) -> QColor:
    return KIND_COLORS.get(kind or "", UNKNOWN_KIND)

#: a block at fault (validation) and the editor's connect handle
PROBLEM = QColor("#d32f2f")
HANDLE = QColor("#1976d2")

#: diff marks of version comparison: halo colours
MARK_COLORS: dict[str, QColor] = {
    "added": QColor("#2e7d32"),
    "removed": QColor("#c62828"),
    "changed": QColor("#ef6c00"),
}
