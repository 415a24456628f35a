"""Moved to ``noc_desktop.widgets.confirm``; kept while ``procedures/saving.py`` (another
change in progress) still imports it from here."""

from noc_desktop.widgets.confirm import ask, tell

__all__ = ["ask", "tell"]
