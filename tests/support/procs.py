"""Looking at live processes through ``/proc`` (Linux), for the tests of what a run leaves."""

from __future__ import annotations

from pathlib import Path


def with_args(*words: str) -> list[int]:
    """Pids whose command line contains ``words`` as consecutive arguments (one word: anywhere
    in the command line, part of an argument too)."""
    needle = "\0".join(words).encode()
    found = []
    for pid_dir in Path("/proc").iterdir():
        try:
            if pid_dir.name.isdigit() and needle in (pid_dir / "cmdline").read_bytes():
                found.append(int(pid_dir.name))
        except OSError:
            continue
    return found


def parent(pid: int) -> int:
    """The parent pid of ``pid``; 0 once it is gone."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0
