"""Moved to ``noc_desktop.widgets.slots`` (kept so an import written before the move works)."""

from noc_desktop.widgets.slots import async_slot

__all__ = ["async_slot"]
