"""The config file: an environment file (``KEY=value`` lines, ``#`` comments) that the layers
read with ``--config`` (pydantic-settings, python-dotenv) and systemd could read as an
``EnvironmentFile=``. Values are written so that both read them the same: plain when they hold
only safe characters, else in single quotes (literal for both); a value with a single quote or a
line break cannot be written.

Parsing, rendering and merging are pure; ``write_private`` writes the file, private.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KEY = re.compile(r"[A-Z][A-Z0-9_]*")
_PLAIN = re.compile(r"[A-Za-z0-9_./:@%+,=~-]*")
_ACTIVE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$")


@dataclass(frozen=True)
class Entry:
    """One key of the file: its explanation (comment lines), its value, and whether it is set
    (``active``) or shown commented out with its default."""

    key: str
    value: str
    comment: str
    active: bool = True


def quoted(value: str) -> str:
    """``value`` as the file holds it; ValueError for what no quoting keeps intact."""
    if "'" in value or "\n" in value or "\r" in value or "\x00" in value:
        raise ValueError("a value may not hold a single quote, a line break or NUL")
    return value if _PLAIN.fullmatch(value) else f"'{value}'"


def _unquoted(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip()  # an unquoted value's own comment


def parse(text: str) -> dict[str, str]:
    """The keys set in ``text`` (commented lines ignored; the last of a key given twice)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        match = _ACTIVE.match(line)
        if match:
            values[match.group(1)] = _unquoted(match.group(2))
    return values


def _comment_lines(comment: str) -> list[str]:
    return [f"# {line}".rstrip() for line in comment.splitlines()]


def render_entry(entry: Entry) -> list[str]:
    setting = f"{entry.key}={quoted(entry.value)}"
    return [*_comment_lines(entry.comment), setting if entry.active else f"# {setting}"]


def render(header: str, entries: Iterable[Entry]) -> str:
    """A new file: ``header`` (comment lines), then each entry after a blank line."""
    lines = _comment_lines(header)
    for entry in entries:
        lines += ["", *render_entry(entry)]
    return "\n".join(lines) + "\n"


def merge(existing: str, entries: Iterable[Entry], overrides: dict[str, str],
          note: str) -> str:
    """``existing`` with its own lines, comments and values kept, except:

    - each key of ``overrides`` (what the admin gave on the command line) gets that value, on
      its own line where it is set, else added;
    - each active entry the file does not set is added (a setting a newer release needs, a
      secret an older installer did not generate), after a ``note`` comment.
    """
    entries = list(entries)
    set_keys = parse(existing)
    lines = existing.splitlines()
    replaced: set[str] = set()
    for index, line in enumerate(lines):
        match = _ACTIVE.match(line)
        if match and not line.lstrip().startswith("#") and match.group(1) in overrides:
            key = match.group(1)
            lines[index] = f"{key}={quoted(overrides[key])}"
            replaced.add(key)
    added: list[str] = []
    for entry in entries:
        if entry.key in replaced or (entry.key in set_keys and entry.key not in overrides):
            continue
        if entry.active or entry.key in overrides:
            value = overrides.get(entry.key, entry.value)
            added += ["", *render_entry(Entry(entry.key, value, entry.comment))]
    for key, value in overrides.items():  # an override no entry describes
        if key not in replaced and all(e.key != key for e in entries):
            added += ["", f"{key}={quoted(value)}"]
    if added:
        lines += ["", *_comment_lines(note), *added]
    return "\n".join(lines) + "\n"


def write_private(path: Path, text: str, uid: int | None = None, gid: int | None = None,
                  mode: int = 0o600) -> None:
    """Write ``path`` with ``mode`` (0600 by default; owned by ``uid``/``gid`` when given)
    through a new temporary file in its folder renamed over it, so no reader ever sees a
    half-written or looser file. The temporary file is created exclusively (``mkstemp``:
    ``O_EXCL``, which never follows a symbolic link), so a link planted in the folder is not
    written through; the rename replaces a link at ``path`` itself rather than following it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), mode)
            if uid is not None and gid is not None:
                os.fchown(handle.fileno(), uid, gid)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
