"""Rewrite this process's command line (``/proc/<pid>/cmdline``) in place, Linux only.

A run forked from the warm worker must name its run directory in its command line, as a cold
``ansible -i <run dir>/inventory/...`` does: that is how the guardian,
``noc_node.processes.reap`` and a restarted node find what a run left. The kernel shows the
memory between the process's ``arg_start`` and ``arg_end``; we overwrite it (as setproctitle
does), so the warm worker is started with a long placeholder argument that reserves the room
(``ROOM``).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

#: bytes the warm worker's placeholder argument reserves for the titles of its runs
ROOM = 8192
PLACEHOLDER = "_" * ROOM


class TitleError(OSError):
    """The command line cannot be rewritten here (no /proc, or not enough room)."""


def _arg_area() -> tuple[int, int]:
    stat = Path("/proc/self/stat").read_text()
    fields = stat.rsplit(")", 1)[1].split()
    # fields after the command name start at field 3; arg_start and arg_end are fields 48, 49
    try:
        return int(fields[45]), int(fields[46])
    except (IndexError, ValueError) as exc:
        raise TitleError("this kernel does not show the argument area") from exc


def set_title(words: list[str]) -> None:
    """Make the command line ``words`` (NUL-separated, the rest of the room NULs).

    Words that do not fit are left out from the end; a word that fits only in part is cut.
    """
    start, end = _arg_area()
    room = end - start
    if room < 64:
        raise TitleError(f"only {room} bytes of command line to write into")
    data = b""
    for word in words:
        encoded = word.encode(errors="surrogateescape").replace(b"\0", b"") + b"\0"
        if len(data) + len(encoded) > room:
            data += encoded[: room - len(data) - 1] + b"\0"
            break
        data += encoded
    data = data.ljust(room, b"\0")
    ctypes.memmove(start, data, room)

