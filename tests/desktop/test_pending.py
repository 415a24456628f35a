"""cancel_pending: what the pages left running ends before the loop closes, the caller goes on."""

from __future__ import annotations

import asyncio

from noc_desktop.pending import cancel_pending


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
