"""The hashing gate: never more than N runs at once; a caller waits a bounded time."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from noc_backend.auth.hash_gate import GateBusy, HashGate


def test_never_more_than_the_limit_at_once() -> None:
    gate = HashGate(2, wait_s=10)

    def work(_: int) -> None:
        with gate.slot():
            time.sleep(0.01)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(work, range(48)))
    assert gate.peak == 2 and gate.active == 0


def test_a_full_gate_refuses_after_the_wait() -> None:
    gate = HashGate(1, wait_s=0.05)
    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with gate.slot():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    with pytest.raises(GateBusy), gate.slot():
        pass
    assert time.monotonic() - started < 1
    release.set()
    thread.join()
    with gate.slot():
        assert gate.active == 1
