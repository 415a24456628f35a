"""The garbage collector runs on the GUI thread only: with the guard installed, a thread that
allocates heavily never triggers a collection, the guard's timers collect young garbage soon
and a closed window's cycles at the latest at the full pass, and uninstalling restores Python's
automatic collection."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from noc_desktop.gc_guard import GcGuard


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The name of the thread each collection started on."""
    seen: list[str] = []

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.current_thread().name)

    gc.callbacks.append(watch)
    try:
        yield seen
    finally:
        gc.callbacks.remove(watch)


def test_collections_only_on_the_gui_thread(qtbot: QtBot, collections: list[str]) -> None:
    gc.enable()  # as in the app (the test fixture had turned it off)
    guard = GcGuard(young_ms=20, full_ms=200)
    guard.install()
    try:
        assert not gc.isenabled()
        collections.clear()

        def allocate() -> None:
            for _ in range(200_000):
                Node()

        worker = threading.Thread(target=allocate, name="executor-like")
        worker.start()
        worker.join()
        assert "executor-like" not in collections
        garbage = Node()
        gone = weakref.ref(garbage)
        del garbage
        qtbot.waitUntil(lambda: gone() is None, timeout=2000)
        assert guard.young_passes >= 1
        qtbot.waitUntil(lambda: guard.full_passes >= 1, timeout=2000)
        assert set(collections) == {threading.main_thread().name}
    finally:
        guard.uninstall()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # back to the test fixture's state
