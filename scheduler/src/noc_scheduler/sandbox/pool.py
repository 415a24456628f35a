"""The parent side of the sandbox: a few worker processes, each call bounded by a deadline.

Workers are forked from multiprocessing's fork server (this process is multi-threaded and is
never forked itself), started lazily and reused. A call that passes its deadline, answers more
than the size limit or whose worker dies ends that worker with SIGKILL; the next call gets a
fresh one. A worker that reports a budget failure exits by itself and is replaced likewise.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from noc_scheduler.sandbox import worker
from noc_scheduler.sandbox.worker import Limits

logger = logging.getLogger(__name__)

#: how long a caller waits for a free worker before giving up (all of them stuck: a bug)
ACQUIRE_S = 30.0


class SandboxFailure(Exception):
    """A call ended without an answer: ``reason`` says why (deadline, size, worker died)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@functools.cache
def _context() -> ForkServerContext:
    ctx = multiprocessing.get_context("forkserver")
    # the fork server imports these once; every worker forked from it starts warm
    ctx.set_forkserver_preload(["__main__", "noc_scheduler.sandbox.worker"])
    return ctx


class _Worker:
    """One child process and our end of its pipe."""

    def __init__(self, limits: Limits) -> None:
        ctx = _context()
        ours, theirs = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(
            target=worker.main, args=(theirs, limits), name="noc-sandbox", daemon=True)
        self.process.start()
        theirs.close()
        self.conn: Connection = ours

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class SandboxPool:
    """At most ``size`` workers; ``call`` is thread-safe and returns the worker's reply."""

    def __init__(self, size: int, limits: Limits, deadline_s: float) -> None:
        self.size = size
        self.limits = limits
        self.deadline_s = deadline_s
        self._idle: list[_Worker] = []
        self._live = 0
        self._busy = 0
        self._closed = False
        self._cond = threading.Condition()

    def __repr__(self) -> str:
        return f"<SandboxPool {self._live}/{self.size} workers, {self._busy} busy>"

    @property
    def busy(self) -> int:
        """Calls in progress (tests watch it)."""
        return self._busy

    def pids(self) -> list[int]:
        with self._cond:
            return [w.pid for w in self._idle if w.pid is not None]

    def _acquire(self) -> _Worker:
        give_up = time.monotonic() + ACQUIRE_S
        with self._cond:
            while not self._idle and self._live >= self.size:
                if self._closed or not self._cond.wait(max(0.0, give_up - time.monotonic())):
                    raise SandboxFailure("no sandbox worker became free")
            if self._closed:
                raise SandboxFailure("the sandbox is shut down")
            self._busy += 1
            if self._idle:
                return self._idle.pop()
            self._live += 1
        try:
            return _Worker(self.limits)
        except BaseException:
            with self._cond:
                self._live -= 1
                self._busy -= 1
                self._cond.notify()
            raise

    def _release(self, item: _Worker, keep: bool) -> None:
        if not keep:
            item.kill()
        with self._cond:
            self._busy -= 1
            if keep and not self._closed:
                self._idle.append(item)
            else:
                self._live -= 1
                if keep:
                    item.kill()
            self._cond.notify()

    def call(self, request: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait at most the deadline; ``SandboxFailure`` without a reply."""
        payload = json.dumps(request, default=str).encode()
        for attempt in (1, 2):
            item = self._acquire()
            try:
                item.conn.send_bytes(payload)
            except OSError:  # an idle worker died (killed from outside): take a fresh one
                self._release(item, keep=False)
                if attempt == 2:
                    raise SandboxFailure("the sandbox worker could not be reached") from None
                continue
            return self._wait(item)
        raise AssertionError("unreachable")

    def _wait(self, item: _Worker) -> dict[str, Any]:
        keep = False
        try:
            if not item.conn.poll(self.deadline_s):
                logger.warning("sandbox worker %s passed the %.1f s deadline; killed", item.pid,
                               self.deadline_s)
                raise SandboxFailure(f"took longer than its {self.limits.seconds:g} s budget")
            try:
                raw = item.conn.recv_bytes(self.limits.max_output_bytes + 4096)
            except EOFError:
                raise SandboxFailure("the sandbox worker died while evaluating it "
                                     "(out of memory or CPU)") from None
            except OSError:
                raise SandboxFailure(f"the result is over the {self.limits.max_output_bytes:,} "
                                     "byte limit") from None
            reply: dict[str, Any] = json.loads(raw)
            keep = not reply.get("exit")
            return reply
        finally:
            self._release(item, keep)

    def close(self) -> None:
        """Kill every worker; calls in progress fail, later calls are refused."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._live -= len(idle)
            self._cond.notify_all()
        for item in idle:
            item.kill()
