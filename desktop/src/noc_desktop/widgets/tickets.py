"""``Tickets``: number a widget's requests so only the latest one's answer is applied.

A page that fetches on several triggers (filters, a refresh button, a live stream) can have
two requests of the same kind in flight; the older one may answer last. Each request takes a
ticket; an answer whose ticket is no longer the latest is dropped (successes and errors alike).
"""

from __future__ import annotations


class Tickets:
    """A counter of requests: ``take()`` before awaiting, ``is_latest(t)`` after."""

    def __init__(self) -> None:
        self.issued = 0
        #: the ticket of the last answer applied (tests wait on it)
        self.applied = 0

    def take(self) -> int:
        self.issued += 1
        return self.issued

    def is_latest(self, ticket: int) -> bool:
        """Whether ``ticket``'s answer should be applied (it is marked applied if so)."""
        if ticket != self.issued:
            return False
        self.applied = ticket
        return True
