"""Kills what a cancelled or timed-out ansible run leaves behind.

ansible-runner kills the ``ansible`` process group, but Ansible's fork workers start their own
sessions, so the module they run (a ``sleep``, a long command) would outlive the run. They all
still carry the run dir in their command line, which is how we find them (Linux ``/proc``).
"""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

logger = logging.getLogger(__name__)

PROC = Path("/proc")


def _cmdline(pid_dir: Path) -> bytes:
    try:
        return (pid_dir / "cmdline").read_bytes()
    except OSError:
        return b""


def kill_leftovers(run_dir: Path) -> int:
    """SIGKILL every process group led by a process whose command line names ``run_dir``."""
    if not PROC.is_dir():
        return 0
    marker = str(run_dir).encode()
    own_group = os.getpgid(0)
    groups: set[int] = set()
    for pid_dir in PROC.iterdir():
        if not pid_dir.name.isdigit() or int(pid_dir.name) == os.getpid():
            continue
        if marker in _cmdline(pid_dir):
            try:
                group = os.getpgid(int(pid_dir.name))
            except OSError:
                continue
            if group != own_group:
                groups.add(group)
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            continue
    if groups:
        logger.info("killed %d leftover ansible process group(s) of %s", len(groups), run_dir.name)
    return len(groups)
