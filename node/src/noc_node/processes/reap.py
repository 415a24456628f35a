"""Kills what a cancelled, timed-out or orphaned ansible run leaves behind.

ansible-runner kills the ``ansible`` process group, but Ansible's fork workers start their own
sessions, so the module they run (a ``sleep``, a long command) would outlive the run. They all
still carry the run dir in their command line, which is how we find them (Linux ``/proc``);
an SSH connection master carries its control directory the same way.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import time
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

PROC = Path("/proc")


def _cmdline(pid_dir: Path) -> bytes:
    try:
        return (pid_dir / "cmdline").read_bytes()
    except OSError:
        return b""


def names_path(cmdline: bytes, path: Path) -> bool:
    """Whether a NUL-separated command line names ``path`` or something inside it."""
    marker = os.fsencode(path)
    return marker + b"/" in cmdline or marker in cmdline.split(b"\0")


def alive_with(path: Path) -> list[int]:
    """Pids (other than ours) of the processes whose command line names ``path``."""
    if not PROC.is_dir():
        return []
    found = []
    for pid_dir in PROC.iterdir():
        if pid_dir.name.isdigit() and int(pid_dir.name) != os.getpid() \
                and names_path(_cmdline(pid_dir), path):
            found.append(int(pid_dir.name))
    return found


def kill_leftovers(run_dir: Path, spare_groups: Iterable[int] = ()) -> int:
    """SIGKILL every process group holding a process whose command line names ``run_dir``;
    how many such processes were found.

    Our own process group and ``spare_groups`` are never killed.
    """
    spared = {os.getpgid(0), *spare_groups}
    groups: set[int] = set()
    found = alive_with(run_dir)
    for pid in found:
        try:
            group = os.getpgid(pid)
        except OSError:
            continue
        if group not in spared:
            groups.add(group)
        else:  # a process in a group we spare: only the process itself
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                continue
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            continue
    if groups:
        logger.info("killed %d leftover process group(s) of %s", len(groups), run_dir.name)
    return len(found)


def confirm_gone(run_dir: Path, timeout_s: float = 3.0) -> bool:
    """Kill what still runs for ``run_dir`` and remove it; True once nothing of it is left.

    The usual end of a run finds nothing alive and costs one ``/proc`` walk; a process killed
    here is looked for again until it is gone, and the directory removed again after it.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        killed = kill_leftovers(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
        if (not killed or not alive_with(run_dir)) and not run_dir.exists():
            return True
        if time.monotonic() > deadline:
            logger.warning("processes of %s are still alive after SIGKILL", run_dir.name)
            return False
        time.sleep(0.05)
