"""Small widgets every screen shares: the error message box and the busy indicator."""

from noc_desktop.widgets.busy import BusyIndicator
from noc_desktop.widgets.errors import (
    describe_error,
    error_details,
    error_summary,
    local_invalid,
    show_error,
)

__all__ = ["BusyIndicator", "describe_error", "error_details", "error_summary",
           "local_invalid", "show_error"]
