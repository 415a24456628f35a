"""Moved to ``noc_desktop.widgets.calls`` (kept so an import written before the move works)."""

from noc_desktop.widgets.calls import WidgetGone, alive, call_for

__all__ = ["WidgetGone", "alive", "call_for"]
