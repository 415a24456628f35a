"""A warm run as ansible-runner sees it: a ``pexpect.spawn`` whose process the warm worker forked.

ansible-runner reads the run's terminal, polls ``isalive()``, kills its process group on
cancel or timeout (``os.killpg``, which works on any of our processes) and reads
``exitstatus``. We give it a ``pexpect.spawn`` whose pseudo-terminal we open ourselves and
whose process lives as the warm worker's child: liveness and exit status come from the
worker's ``exit`` messages (``RunExit``) instead of ``waitpid``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable
from typing import Any

import pexpect  # type: ignore[import-untyped]

from noc_node.warm.worker import RunExit, WarmUnavailable, WarmWorker

#: once the terminal reads EOF the run has ended: how long its exit status may take to arrive
EOF_GRACE_S = 5.0
ROWS, COLUMNS = 24, 80  # ptyprocess's default size


class RemotePty:
    """The parts of ``ptyprocess.PtyProcess`` pexpect uses, for a process we did not fork."""

    def __init__(self, fd: int, run: RunExit) -> None:
        self.fd = fd
        self.pid = run.pid
        self._run = run
        self.closed = False
        self.flag_eof = False
        self.terminated = False
        self.status: int | None = None
        self.exitstatus: int | None = None
        self.signalstatus: int | None = None

    def isalive(self) -> bool:
        if self.flag_eof:
            self._run.ended.wait(EOF_GRACE_S)
        status = self._run.status
        if not self._run.ended.is_set() or status is None:
            return True
        self.status = status
        if os.WIFSIGNALED(status):
            self.exitstatus, self.signalstatus = None, os.WTERMSIG(status)
        else:
            self.exitstatus, self.signalstatus = os.WEXITSTATUS(status), None
        self.terminated = True
        return False

    def wait(self) -> int | None:
        self._run.ended.wait()
        self.isalive()
        return self.exitstatus

    def kill(self, sig: int) -> None:
        if self.isalive():
            os.kill(self.pid, sig)

    def terminate(self, force: bool = False) -> bool:
        if self.isalive():
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL if force else signal.SIGTERM)
            self._run.ended.wait(EOF_GRACE_S)
        return not self.isalive()

    def close(self, force: bool = True) -> None:
        if not self.closed:
            os.close(self.fd)
            self.fd = -1
            self.closed = True
        if force and self.isalive():
            self.terminate(force=True)

    def getecho(self) -> bool:
        return False

    def setwinsize(self, rows: int, cols: int) -> None:
        if not self.closed:
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class WarmSpawn(pexpect.spawn):  # type: ignore[misc]
    """``pexpect.spawn`` that asks ``worker`` for the process (raises WarmUnavailable)."""

    def __init__(self, worker: WarmWorker, *args: Any, **kwargs: Any) -> None:
        self._worker = worker
        super().__init__(*args, **kwargs)

    def _spawnpty(self, args: list[Any], **kwargs: Any) -> RemotePty:
        argv = [a.decode(errors="surrogateescape") if isinstance(a, bytes) else str(a)
                for a in args]
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        master, tty = os.openpty()
        try:
            attrs = termios.tcgetattr(tty)
            if not kwargs.get("echo", True):
                attrs[3] &= ~termios.ECHO
            termios.tcsetattr(tty, termios.TCSANOW, attrs)
            fcntl.ioctl(tty, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            run = self._worker.launch(argv, env, cwd, tty)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(tty)
        return RemotePty(master, run)


def launcher(worker: WarmWorker, cold_fallback: bool = True) -> Callable[..., Any]:
    """For ``spawn_hooks``: a warm ``pexpect.spawn``, or None when only a cold one will do
    (``cold_fallback=False``: ``WarmUnavailable`` instead, so nothing starts cold)."""
    def launch(*args: Any, **kwargs: Any) -> Any:
        try:
            return WarmSpawn(worker, *args, **kwargs)
        except WarmUnavailable:
            if cold_fallback:
                return None
            raise
    return launch
