"""API calls made on behalf of a widget that may be gone when the answer arrives (the user
closed the dialog or left the page): then the rest of the slot is cancelled instead of
touching a deleted widget."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject

from noc_desktop.session import Session

T = TypeVar("T")


class WidgetGone(asyncio.CancelledError):
    """The widget that asked is deleted: nothing is left to show the answer in."""


async def call_for(owner: QObject, session: Session, awaitable: Awaitable[T]) -> T:
    """``session.call(awaitable)``; raises ``WidgetGone`` (a cancellation) if ``owner`` was
    deleted meanwhile, whatever the outcome."""
    try:
        result = await session.call(awaitable)
    except Exception:
        if not shiboken6.isValid(owner):
            raise WidgetGone() from None
        raise
    if not shiboken6.isValid(owner):
        raise WidgetGone()
    return result


def alive(widget: QObject) -> bool:
    """Whether ``widget``'s Qt object still exists (for ``finally`` clauses)."""
    return bool(shiboken6.isValid(widget))
