"""Ending what the app still runs: the tasks pages and models started on the loop, and the
async generators they left unfinished."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from typing import Any

#: how long the quit path waits for generators' clean-up (their ``finally`` blocks) to end
FINALIZE_WAIT_S = 2.0


async def cancel_pending() -> None:
    """Cancel every task of the running loop but the caller's and wait for them to end, so that
    none is left for the garbage collector once the loop is closed (an open event stream closed
    then raises 'no running event loop'); then give the clean-up of the async generators they
    dropped (``finalized_asyncgens``) ``FINALIZE_WAIT_S`` to end before cancelling it too."""
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    await asyncio.sleep(0)  # the finalizers' aclose() tasks are created by call_soon
    closing = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if closing:
        _, late = await asyncio.wait(closing, timeout=FINALIZE_WAIT_S)
        for task in late:  # none left pending for the loop's close
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)


class _AsyncGenFinalizer:
    """The ``finalizer`` of ``sys.set_asyncgen_hooks`` for ``loop``: a dropped generator is
    closed by a task on it (dropped after the loop closed: left to the collector)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def __call__(self, agen: AsyncGenerator[Any, Any]) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.loop.create_task, agen.aclose())


@contextmanager
def finalized_asyncgens(loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """While the block runs, an async generator dropped before its end is closed by a task on
    ``loop``, as asyncio's own ``run_forever`` arranges and qasync's does not. Without it the
    garbage collector closes it with no loop: httpx's byte streams under an event stream the app
    stopped reading then print 'async generator ignored GeneratorExit' or 'no running event
    loop' (their clean-up awaits)."""
    previous = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(firstiter=None, finalizer=_AsyncGenFinalizer(loop))
    try:
        yield
    finally:
        sys.set_asyncgen_hooks(*previous)
