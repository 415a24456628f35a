"""Small widgets every screen shares: the error message box and the busy indicator."""

from noc_desktop.widgets.busy import BusyIndicator
from noc_desktop.widgets.errors import error_details, error_summary, show_error

__all__ = ["BusyIndicator", "error_details", "error_summary", "show_error"]
