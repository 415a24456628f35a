"""One colour per run status, shared by every monitor widget (lists, tables, timeline)."""

from __future__ import annotations

_COLOURS = {
    "pending": "#9e9e9e", "running": "#1e88e5", "success": "#43a047", "ok": "#43a047",
    "partial": "#fb8c00", "failed": "#e53935", "unreachable": "#8e24aa", "timeout": "#d81b60",
    "lost": "#6d4c41", "error": "#c62828", "cancelled": "#757575", "missed": "#bdbdbd",
}


def status_colour(status: str) -> str:
    """A ``#rrggbb`` for an execution, host or step status (grey when unknown)."""
    return _COLOURS.get(status, "#9e9e9e")
