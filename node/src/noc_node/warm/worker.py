"""The node's end of the warm worker: start it, ask it for runs, learn how each run ended.

One warm worker per executor, started on the first run with that run's environment (minus
the per-run paths, ``protocol.base_env``) and kept while it lives; the node makes that first
run a warm-up over an empty inventory as it starts (``AnsibleRunnerExecutor.warm_up``), so no
task pays the start. Its own thread starts it,
so it dies with that thread if the node dies (``PR_SET_PDEATHSIG``), and reads its messages.
A worker that crashed is started again on the next run; its runs that were alive are killed
and end as killed (ansible-runner then reports their hosts failed). When no warm worker can be
had (it does not start, its environment differs), ``launch`` raises ``WarmUnavailable`` and the
caller starts a cold ``ansible``; the reason is logged once. A forked run starts only once
the node has the worker's answer to its very request (``protocol``); a worker that does not
answer in time (or answers another request) is stopped before the run goes cold, so no run is
ever both cold and warm.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from noc_node.processes.spawn import die_with_parent
from noc_node.warm.protocol import MAX_MESSAGE, base_env, decode, encode, request_file
from noc_node.warm.title import PLACEHOLDER

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0
REPLY_TIMEOUT_S = 10.0
#: after a failed start, runs go cold this long before a new start is tried
RETRY_START_S = 60.0


class WarmUnavailable(Exception):
    """No warm worker can take this run; start a cold ``ansible`` instead."""


@dataclass
class RunExit:
    """How one forked run ended (``status`` as ``waitpid`` gives it), once it has."""

    pid: int
    ended: threading.Event = field(default_factory=threading.Event)
    status: int | None = None

    def set(self, status: int) -> None:
        self.status = status
        self.ended.set()


class _Process:
    """One started warm worker: its process, socket, reader thread and live runs."""

    def __init__(self, env: dict[str, str], work_dir: Path, bytecode: bool) -> None:
        self.env = env
        self.bytecode = bytecode
        self.replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.runs: dict[int, RunExit] = {}
        self.lock = threading.Lock()
        self.alive = True
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.proc: subprocess.Popen[bytes] | None = None
        started = threading.Event()
        self.thread = threading.Thread(target=self._keep, args=(theirs, work_dir, started),
                                       name="noc-warm-ansible", daemon=True)
        self.thread.start()
        started.wait()

    def _keep(self, theirs: socket.socket, work_dir: Path, started: threading.Event) -> None:
        """Start the worker from this thread (it dies with it), then read until it ends."""
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "noc_node.warm.zygote", "--fd", str(theirs.fileno()),
                 "--tag", str(work_dir), *([] if self.bytecode else ["--no-bytecode"]),
                 PLACEHOLDER],
                env=self.env, cwd=work_dir, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, pass_fds=[theirs.fileno()],
                preexec_fn=die_with_parent(os.getpid()))  # tied to this thread, see above
        except OSError as exc:
            self.replies.put({"op": "failed", "error": str(exc)})
            self.alive = False
            return
        finally:
            theirs.close()
            started.set()
        try:
            while True:
                data = self.sock.recv(MAX_MESSAGE)
                if not data:
                    break
                message = decode(data)
                if message.get("op") == "exit":
                    with self.lock:
                        run = self.runs.pop(int(message["pid"]), None)
                    if run is not None:
                        run.set(int(message["status"]))
                    continue
                if message.get("op") == "spawned":  # before its exit, which comes after
                    run = RunExit(int(message["pid"]))
                    with self.lock:
                        self.runs[run.pid] = run
                    message["run"] = run
                self.replies.put(message)
        except (OSError, ValueError):
            pass
        self._ended()

    def _ended(self) -> None:
        with self.lock:
            self.alive = False
            orphans, self.runs = self.runs, {}
        self.replies.put({"op": "failed", "error": "the warm worker ended"})
        for run in orphans.values():  # they die with the worker; make sure, then say so
            with contextlib.suppress(OSError):
                os.killpg(run.pid, signal.SIGKILL)
            run.set(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()

    def ask(self, message: dict[str, Any], fds: list[int], timeout_s: float) -> dict[str, Any]:
        try:
            socket.send_fds(self.sock, [encode(message)], fds)
        except OSError as exc:
            raise WarmUnavailable(f"the warm worker is gone ({exc})") from exc
        try:
            return self.replies.get(timeout=timeout_s)
        except queue.Empty as exc:
            raise WarmUnavailable("the warm worker did not answer") from exc

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(10)
        if self.thread.is_alive() and self.proc is not None:  # stuck: it gets no more time
            self.proc.kill()
            self.thread.join(10)
        self.sock.close()


class WarmWorker:
    """Launches runs in a warm worker; thread-safe (one launch at a time)."""

    def __init__(self, work_dir: Path, module_bytecode: bool = True) -> None:
        self.work_dir = work_dir
        #: module payloads carry this Python's bytecode (``noc_node.warm.bytecode``)
        self.module_bytecode = module_bytecode
        self._lock = threading.Lock()
        self._process: _Process | None = None
        self._next_id = 0
        self._reported: str | None = None
        self._retry_at = 0.0
        self._stopped = False

    @property
    def pid(self) -> int | None:
        """The warm worker's pid while one runs (for tests and ps)."""
        process = self._process
        if process is None or not process.alive or process.proc is None:
            return None
        return process.proc.pid

    def launch(self, argv: list[str], env: dict[str, str], cwd: str, tty: int) -> RunExit:
        """Fork a run of ``argv`` on terminal ``tty``; raises WarmUnavailable."""
        with self._lock:
            try:
                process = self._ready(base_env(env))
                request = request_file(argv, env, cwd)
                go_read, go = os.pipe2(os.O_CLOEXEC)
                try:
                    try:
                        reply = self._ask(process, [tty, request, go_read])
                    finally:
                        os.close(request)
                        os.close(go_read)
                    if reply.get("op") != "spawned":
                        raise WarmUnavailable(f"the warm worker refused the run: {reply}")
                    run: RunExit = reply["run"]
                    with contextlib.suppress(BrokenPipeError):  # it died: its exit says so
                        os.write(go, b"1")  # this run is ours: it may start
                finally:
                    os.close(go)  # unless told to go, the fork reads end-of-file and exits
            except WarmUnavailable as exc:
                self._tell(str(exc))
                raise
            self._reported = None
            return run

    def _ready(self, env: dict[str, str]) -> _Process:
        if self._stopped:
            raise WarmUnavailable("the warm worker was stopped")
        process = self._process
        if process is not None and process.alive:
            if process.env != env:
                changed = sorted(k for k in env.keys() | process.env.keys()
                                 if env.get(k) != process.env.get(k))
                raise WarmUnavailable("the run's environment differs from the warm worker's "
                                      f"({', '.join(changed)})")
            return process
        if time.monotonic() < self._retry_at:
            raise WarmUnavailable(self._reported or "the warm worker could not start")
        if process is not None:
            logger.warning("the warm Ansible worker ended; starting a new one")
            process.stop()
        self.work_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        process = self._process = _Process(env, self.work_dir, self.module_bytecode)
        try:
            reply = process.replies.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            reply = {"error": "no answer in time"}
        if reply.get("op") != "ready":
            self._retry_at = time.monotonic() + RETRY_START_S
            self._process = None
            process.stop()
            raise WarmUnavailable(f"the warm worker did not start: {reply.get('error')}")
        logger.info("warm Ansible worker started (pid %s)", reply.get("pid"))
        return process

    def _ask(self, process: _Process, fds: list[int]) -> dict[str, Any]:
        """``process``'s answer to a spawn request. A worker whose answer is late, lost or
        for another request is stopped before the run goes cold (a run it forked never got
        its go-ahead, and dies with it), so no late answer is left for a later launch to
        read as its own."""
        self._next_id += 1
        try:
            reply = process.ask({"op": "spawn", "id": self._next_id}, fds, REPLY_TIMEOUT_S)
            if reply.get("id") != self._next_id:
                raise WarmUnavailable(str(reply.get("error") or
                                          f"the warm worker answered out of turn: {reply}"))
        except WarmUnavailable:
            if self._process is process:
                self._process = None
            process.stop()
            raise
        return reply

    def _tell(self, why: str) -> None:
        """Log why runs go cold, once per reason."""
        if why != self._reported:
            logger.error("running ansible without the warm worker: %s", why)
            self._reported = why

    def stop(self) -> None:
        """End the warm worker (its runs, if any are still alive, die with it); no later launch
        starts another."""
        self._stopped = True  # before the lock: a launch waiting for it sees it
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            process.stop()
