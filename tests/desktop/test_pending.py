"""cancel_pending: what the pages left running ends before the loop closes, the caller goes on;
finalized_asyncgens: an async generator dropped unfinished is closed on the qasync loop."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
from collections.abc import AsyncIterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from noc_desktop.pending import cancel_pending, finalized_asyncgens


def test_every_other_task_is_cancelled_and_awaited_and_the_caller_goes_on() -> None:
    ended: list[str] = []

    async def page_task(name: str) -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            ended.append(name)

    async def quit_app() -> str:
        tasks = [asyncio.ensure_future(page_task(n)) for n in ("stream", "poll")]
        await asyncio.sleep(0)  # both running
        await cancel_pending()
        assert all(t.cancelled() for t in tasks)
        return "quit"

    assert asyncio.run(quit_app()) == "quit"
    assert sorted(ended) == ["poll", "stream"]


@pytest.mark.parametrize("hooked", [True, False])
def test_a_dropped_inner_generator_is_closed_on_the_loop(qapp: QApplication,
                                                        hooked: bool) -> None:
    """As an event stream under httpx: the reader closes the outer generator, the inner one
    (httpcore's byte stream) is left suspended and dropped; its clean-up awaits. With the hooks
    it runs on the loop; without them (qasync installs none) the collector closes it with no
    loop and the clean-up never ends ('async generator ignored GeneratorExit')."""
    cleaned: list[str] = []
    unraisable: list[str] = []

    async def inner() -> AsyncIterator[int]:
        try:
            yield 1
            yield 2
        finally:
            await asyncio.sleep(0)  # an await, as httpcore's aclose has
            cleaned.append("inner")

    async def outer() -> AsyncIterator[int]:
        async for item in inner():
            yield item

    async def read_one_and_stop() -> None:
        stream = outer()
        async with contextlib.aclosing(stream):
            await anext(stream)
        gc.collect()  # the inner generator, unreferenced now
        await cancel_pending()

    previous_hook = sys.unraisablehook
    sys.unraisablehook = lambda args: unraisable.append(str(args.exc_value))
    loop = qasync.QEventLoop(qapp)
    try:
        with loop, (finalized_asyncgens(loop) if hooked else contextlib.nullcontext()):
            loop.run_until_complete(read_one_and_stop())
    finally:
        sys.unraisablehook = previous_hook
        asyncio.set_event_loop(None)
    if hooked:
        assert (cleaned, unraisable) == (["inner"], [])
    else:
        assert cleaned == [] and unraisable
