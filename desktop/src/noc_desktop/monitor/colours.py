"""One colour per status, shared by every widget that colours one (executions, hosts, steps,
the timeline, schedules, nodes)."""

from __future__ import annotations

_COLOURS = {
    "pending": "#9e9e9e", "running": "#1e88e5", "success": "#43a047", "ok": "#43a047",
    "partial": "#fb8c00", "failed": "#e53935", "unreachable": "#8e24aa", "timeout": "#d81b60",
    "lost": "#6d4c41", "error": "#c62828", "cancelled": "#757575", "missed": "#bdbdbd",
    "active": "#2e7d32", "paused": "#f9a825", "done": "#9e9e9e",  # schedules
    # nodes: their health (heartbeats arrive, one is overdue, none for too long), and the
    # text of a node given no new work (the admin drains it, or it is down)
    "up": "#2e7d32", "late": "#b86e00", "down": "#c62828",
    "draining": "#8a6d00", "no_work": "#757575",
}


def status_colour(status: str) -> str:
    """A ``#rrggbb`` for an execution, host, step, schedule or node status (grey when
    unknown)."""
    return _COLOURS.get(status, "#9e9e9e")
