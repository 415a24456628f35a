"""The guardian: a small process that cleans up after the node when the node dies.

The node starts it (``python -m noc_node.processes.guardian``) in its own session, connected by
a pipe on its stdin, and tells it, one JSON line at a time, each run directory it creates (they
hold decrypted keys and inventories), each ``ansible`` process group it starts, each run it has
finished with, and the SSH control directory whose connection masters are the node's. When
the pipe closes, because the node stopped or died (even by SIGKILL: the kernel closes its end),
the guardian SIGKILLs every recorded process group and every process still naming a recorded
directory, removes the run directories, and exits. It never kills the node's own group.

Lines: ``{"op": "run", "path": p}``, ``{"op": "group", "path": p, "pgid": n}``,
``{"op": "done", "path": p}``, ``{"op": "masters", "path": p}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from noc_node.processes.reap import PROC, alive_with, kill_leftovers, names_path

logger = logging.getLogger(__name__)

PASSES = 5


class Guardian:
    """The node's end: starts the guardian and keeps it told (restarting it if it dies)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._runs: dict[str, set[int]] = {}
        self._masters: set[str] = set()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def start(self) -> None:
        with self._lock:
            self._spawn()

    def _spawn(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "noc_node.processes.guardian", "--node-pid", str(os.getpid()),
             "--tag", self.tag],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, close_fds=True,
            start_new_session=True)
        for path in sorted(self._masters):
            self._write({"op": "masters", "path": path}, replay=False)
        for path, groups in sorted(self._runs.items()):
            self._write({"op": "run", "path": path}, replay=False)
            for pgid in sorted(groups):
                self._write({"op": "group", "path": path, "pgid": pgid}, replay=False)

    def _write(self, message: dict[str, Any], replay: bool = True) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(json.dumps(message).encode() + b"\n")
            proc.stdin.flush()
        except OSError:
            if not replay:
                raise
            logger.error("the guardian process died; starting a new one")
            proc.wait()
            self._spawn()

    def _send(self, message: dict[str, Any]) -> None:
        with self._lock:
            path = str(message["path"])
            if message["op"] == "run":
                self._runs.setdefault(path, set())
            elif message["op"] == "group":
                self._runs.setdefault(path, set()).add(int(message["pgid"]))
            elif message["op"] == "done":
                self._runs.pop(path, None)
            elif message["op"] == "masters":
                self._masters.add(path)
            self._write(message)

    def run_started(self, run_dir: Path) -> None:
        self._send({"op": "run", "path": str(run_dir)})

    def group_started(self, run_dir: Path, pgid: int) -> None:
        self._send({"op": "group", "path": str(run_dir), "pgid": pgid})

    def run_done(self, run_dir: Path) -> None:
        self._send({"op": "done", "path": str(run_dir)})

    def watch_masters(self, control_base: Path) -> None:
        self._send({"op": "masters", "path": str(control_base)})

    def stop(self, timeout_s: float = 15.0) -> None:
        """Close the pipe: the guardian cleans up whatever is still recorded, then exits."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the guardian process ------------------------------------------------------------------
def _leader_names(pgid: int, path: Path) -> bool:
    try:
        return names_path((PROC / str(pgid) / "cmdline").read_bytes(), path)
    except OSError:
        return False


def clean_up(runs: dict[str, set[int]], masters: set[str], spare_group: int) -> None:
    """Kill every recorded group and every process naming a recorded dir; remove run dirs."""
    watched = [Path(p) for p in runs] + [Path(p) for p in masters]
    for _ in range(PASSES):
        for path, groups in runs.items():
            for pgid in groups:
                if pgid != spare_group and _leader_names(pgid, Path(path)):
                    with contextlib.suppress(OSError):
                        os.killpg(pgid, signal.SIGKILL)
        for watched_path in watched:
            kill_leftovers(watched_path, spare_groups=[spare_group])
        if not any(alive_with(watched_path) for watched_path in watched):
            break
    for path in runs:
        shutil.rmtree(path, ignore_errors=True)


def serve(stream: IO[bytes], spare_group: int) -> None:
    """Read the node's lines until the pipe closes, then clean up."""
    runs: dict[str, set[int]] = {}
    masters: set[str] = set()
    for raw in stream:
        try:
            message = json.loads(raw)
            op, path = message["op"], str(message["path"])
        except (ValueError, KeyError, TypeError):
            continue
        if op == "run":
            runs.setdefault(path, set())
        elif op == "group":
            runs.setdefault(path, set()).add(int(message["pgid"]))
        elif op == "done":
            runs.pop(path, None)
        elif op == "masters":
            masters.add(path)
    if runs or masters:
        clean_up(runs, masters, spare_group)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="noc-node-guardian")
    parser.add_argument("--node-pid", type=int, required=True)
    parser.add_argument("--tag", default="", help="the node's data dir (for ps only)")
    args = parser.parse_args(argv)
    # a terminal's Ctrl-C or hang-up is for the node; we act when its pipe closes
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        spare = os.getpgid(args.node_pid)
    except OSError:
        spare = -1
    serve(sys.stdin.buffer, spare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
