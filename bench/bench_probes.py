"""What the benchmarks measure besides the run itself: the CPU time of a process tree (from
/proc) and when it has settled after its start-up, the task requests an execution was
dispatched in (from its events), and raw Huey's no-op drain rate on a given storage (the
baseline)."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from noc_scheduler.dispatch.queue import build_consumer, build_huey

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # fields from "state" (3rd) on


def _tree(root: int) -> dict[int, list[str]]:
    """The /proc stat fields of ``root`` and every live descendant, by pid."""
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            stats[int(entry)] = fields
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(pid)
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if (fields := stats.get(pid)) is not None:
            tree[pid] = fields
            todo += children.get(pid, [])
    return tree


def _cpu_s(tree: dict[int, list[str]]) -> float:
    ticks = sum(sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
                for fields in tree.values())
    return ticks / _TICK


def tree_cpu_s(root: int) -> float:
    """User + system CPU seconds of ``root`` and every live descendant (reaped ones included
    through the parents' cutime/cstime)."""
    return _cpu_s(_tree(root))


def _command_lines(tree: dict[int, list[str]]) -> list[str]:
    """The command lines of the processes of ``tree``."""
    lines = []
    for pid in tree:
        try:
            lines.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
                errors="replace"))
        except OSError:
            continue
    return lines


def settled(root: int, needs: str, timeout_s: float = 120, idle_cpu_s: float = 0.05
            ) -> tuple[float, bool]:
    """Wait until the process tree of ``root`` holds a process whose command line starts with
    ``needs`` and the whole tree has used less than ``idle_cpu_s`` in each of the last two
    seconds (its start-up work done); the tree's CPU seconds until then and True. After
    ``timeout_s`` it says what the tree was doing and returns False with them: what follows is
    measured with that work in it."""
    deadline = time.monotonic() + timeout_s
    tree = _tree(root)
    before, used = _cpu_s(tree), []
    while time.monotonic() < deadline:
        time.sleep(1)
        tree = _tree(root)  # one /proc scan a second serves both questions
        now = _cpu_s(tree)
        used.append(now - before)  # below 0 when a process left the tree unreaped: not idle
        before = now
        if len(used) >= 2 and all(0 <= u < idle_cpu_s for u in used[-2:]) and any(
                line.startswith(needs) for line in _command_lines(tree)):
            return now, True
    print(f"WARNING: process {root} still busy after {timeout_s}s (CPU-s per second "
          f"{[round(u, 2) for u in used[-10:]]}, processes {_command_lines(tree)}): "
          f"measuring anyway", flush=True)
    return before, False


def execution_events(api: httpx.Client, execution_id: str,
                     timeout_s: float = 120) -> list[dict[str, Any]]:
    """Every event of the execution, once it has finished: the stream replays the stored ones,
    follows it live and ends with it, so a running execution is waited for (no polling, which
    would add the backend's reads to what a benchmark measures); TimeoutError after
    ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    found: list[dict[str, Any]] = []
    with api.stream("GET", f"/executions/{execution_id}/events", timeout=timeout_s) as response:
        for line in response.iter_lines():
            if time.monotonic() > deadline:
                raise TimeoutError(f"execution {execution_id} not finished after {timeout_s}s")
            if line.startswith("data: ") and line != "data: {}":
                found.append(json.loads(line[6:]))
    return found


def batch_sizes(events: list[dict[str, Any]]) -> list[int]:
    """Host-steps of each task request (one Ansible run on a real node), in dispatch order:
    the steps the scheduler started together share a ``batch_id``."""
    batches = Counter(e["data"]["batch_id"] for e in events if e["type"] == "step_started")
    return list(batches.values())


def huey_rates(url: str, tasks: int = 3000, workers: int = 4) -> tuple[float, float]:
    """(enqueue/s, drain/s) of ``tasks`` no-op Huey tasks on ``url``, drained by a consumer
    built like the scheduler's (thread workers, same polling)."""
    huey: Any = build_huey(url, f"bench-drain-{uuid.uuid4().hex[:8]}")
    done = threading.Event()
    count = [0]
    lock = threading.Lock()

    @huey.task()  # type: ignore[untyped-decorator]
    def noop() -> None:
        with lock:
            count[0] += 1
            if count[0] == tasks:
                done.set()

    started = time.perf_counter()
    for _ in range(tasks):
        noop()
    enqueued = time.perf_counter() - started
    consumer = build_consumer(huey, workers)
    started = time.perf_counter()
    consumer.start()
    done.wait(300)
    drained = time.perf_counter() - started
    consumer.stop(graceful=True)
    huey.flush()
    return tasks / enqueued, count[0] / drained
