"""Files only the backend's own user may read: 0600 files in 0700 directories.

The CLI sets ``umask 077`` first, so whatever the process creates is private; these helpers
also hold when the app runs embedded (tests, another launcher) and tighten a file an older
run left looser. Directories that already exist are the operator's and are left alone.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents, each 0700."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(directory, DIR_MODE)  # mkdir's mode is masked by the umask


def private_file(path: Path) -> None:
    """Create ``path`` empty if it is missing; make it 0600 either way."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def private_sqlite(path: Path) -> None:
    """A SQLite database file 0600 before SQLite opens it (its -wal and -shm files take the
    database file's mode); side files an older run left are tightened too."""
    private_dirs(path.parent)
    private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.chmod(side, FILE_MODE)
    if stat.S_IMODE(path.parent.stat().st_mode) & 0o077:
        logger.warning("the database directory %s is open to other users; make it 0700",
                       path.parent)
