"""The one failure a notification channel raises: it carries a reason safe to show."""

from __future__ import annotations


class NotificationError(Exception):
    """A message could not be sent; ``str()`` is the reason, free of secrets."""
