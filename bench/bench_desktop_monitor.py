"""The execution view consuming 1,000 hosts x 10 steps of events in large bursts.

Synthetic ``ExecutionEvent``s are pushed into the view's feed in bursts, as a stream delivers
them; a 5 ms QTimer probe measures the longest gap of the Qt event loop (the UI's longest stall)
while the view applies them. No server: the view's snapshot is built in memory.
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_desktop_monitor.py``. Target:
longest stall < 100 ms.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from noc_contracts import ExecutionEvent
from noc_contracts.api import ExecutionDetail, UserPublic
from noc_desktop.client import NocClient
from noc_desktop.gc_guard import GcGuard
from noc_desktop.monitor.execution_view import ExecutionView
from noc_desktop.monitor.state import ExecutionState
from noc_desktop.session import Session
from qt_probes import StallProbe

HOSTS, STEPS, BURST = 1_000, 10, 5_000
CHUNK = 160  # events per 64 KiB network read (~400 bytes each): the SSE reader's unit of work
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def events() -> list[str]:
    """The stream as it arrives: one JSON text per event (the feed parses each as it comes)."""
    out: list[dict[str, Any]] = []
    hosts = [f"host{i:04d}" for i in range(HOSTS)]

    def add(type_: str, **fields: Any) -> None:
        n = len(out)
        out.append({"event_id": f"e{n}", "execution_id": "bench", "type": type_,
                    "at": T0 + timedelta(milliseconds=n), **fields})

    add("execution_started", data={"hosts": hosts, "procedure_id": None})
    for step in range(STEPS):
        for h in hosts:
            add("step_started", host=h, step_id=f"s{step}", visit=1, attempt=1)
        for h in hosts:  # every host finishing the step at once
            add("step_finished", host=h, step_id=f"s{step}", visit=1, attempt=1, status="ok",
                result={"host": h, "status": "ok", "rc": 0, "stdout": "x" * 200})
    for h in hosts:
        add("host_finished", host=h, status="success")
    add("execution_finished", status="success")
    return [ExecutionEvent.model_validate(e).model_dump_json() for e in out]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    user = UserPublic.model_validate({"id": 1, "username": "bench", "role": "viewer",
                                      "disabled": False, "can_run_commands": False,
                                      "created_at": T0})
    session = Session(NocClient("http://127.0.0.1:9"), user)
    view = ExecutionView(session, "bench")
    header = ExecutionDetail(id="bench", procedure_id=None, procedure_name="bench",
                             procedure_version=None, status="running", started_at=T0,
                             finished_at=None, hosts_total=HOSTS, hosts=[])
    view.state = ExecutionState(header)  # as load() leaves it, without a server
    view.hosts_model.set_state(view.state)
    view.resize(1400, 900)
    view.show()
    stream = events()
    probe = StallProbe(5)
    probe.start()
    applied, worst = [0.0], [0.0]
    original = view.apply_events

    def timed(batch: list[ExecutionEvent]) -> None:
        t = time.perf_counter()
        original(batch)
        took = time.perf_counter() - t
        applied[0] += took
        worst[0] = max(worst[0], took)

    view.feed.batch_ready.disconnect()
    view.feed.batch_ready.connect(timed)
    guard = GcGuard()  # as the app runs: collections from timers on this thread
    guard.install()
    pauses = GcPauses()
    pauses.start()
    started = time.perf_counter()
    for i in range(0, len(stream), BURST):  # a burst every 50 ms, as a fast stream delivers
        burst = stream[i:i + BURST]
        for j in range(0, len(burst), CHUNK):  # each network read parsed, then the loop runs
            view.feed.push(ExecutionEvent.model_validate_json(t) for t in burst[j:j + CHUNK])
            app.processEvents()
        deadline = time.perf_counter() + 0.05
        while time.perf_counter() < deadline:
            app.processEvents()
    while view.feed.pending or not (view.state and view.state.finished):
        app.processEvents()
    total = time.perf_counter() - started
    probe.stop()
    stall_ms = max(probe.gaps_ms, default=0.0)
    print(f"events: {len(stream)} ({HOSTS} hosts x {STEPS} steps), bursts of {BURST}")
    print(f"apply time: {applied[0] * 1000:.0f} ms in total; wall time {total:.2f} s")
    print(f"longest single batch apply: {worst[0] * 1000:.0f} ms")
    print(f"longest UI stall: {stall_ms:.0f} ms (target < 100 ms)")
    pauses.stop()
    print(f"garbage collector: {len(pauses.ms)} full passes, longest "
          f"{max(pauses.ms, default=0):.0f} ms; the guard's young passes: {guard.young_passes}")
    t = time.perf_counter()
    guard.collect_full()  # what the guard's rare full pass costs with this view loaded
    print(f"one full pass of the guard now: {(time.perf_counter() - t) * 1000:.0f} ms")
    guard.uninstall()
    view.close_view()
    teardown(app, [view, probe.timer, session, guard])
    return 0 if stall_ms < 100 else 1


class GcPauses:
    """The duration (ms) of every full (generation 2) collection between ``start`` and
    ``stop``; only its own ``gc.callbacks`` entry is added and removed."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self._began = 0.0

    def start(self) -> None:
        gc.callbacks.append(self._watch)

    def stop(self) -> None:
        gc.callbacks.remove(self._watch)

    def _watch(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.ms.append((time.perf_counter() - self._began) * 1000)


def teardown(app: QCoreApplication, objects: list[QObject]) -> None:
    """Delete the Qt objects while the application lives, then quit it, so nothing is left
    for PySide's interpreter-exit clean-up (which crashed offscreen with widgets alive)."""
    for obj in objects:
        obj.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    app.quit()


if __name__ == "__main__":
    sys.exit(main())
