"""Ending what the app still runs: the tasks pages and models started on the loop."""

from __future__ import annotations

import asyncio


async def cancel_pending() -> None:
    """Cancel every task of the running loop but the caller's and wait for them to end, so that
    none is left for the garbage collector once the loop is closed (an open event stream closed
    then raises 'no running event loop')."""
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
