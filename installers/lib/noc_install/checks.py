"""What the installer checks before it changes anything on the machine: places it must not
write through or delete, and what later steps need (a password, the peer's tokens, a Python
that makes venvs). Each refusal is a usage error (exit 2) naming the option."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from noc_install.errors import usage

#: folders writable by others than their owner (``/tmp``) are safe above ours with this bit
_STICKY = stat.S_ISVTX


def unsafe_folder(folder: Path, trusted_uid: int = 0) -> str | None:
    """Why root must not write a secret file in ``folder``, or None when it may.

    The rule: the folder (or, when it is still to be made, the nearest folder above that
    exists) and every folder above it belong to root (or ``trusted_uid``) and are writable by
    their owner alone; a folder further up may be writable by all when it has the sticky bit
    (``/tmp``: nobody may rename or delete what is not theirs there). A symbolic link on the way
    must belong to root too, and where it leads is held to the same rule. Otherwise another user
    could plant a link or swap the folder between our steps."""
    trusted = {0, trusted_uid}
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        current = current.parent
    first = True
    while True:
        info = current.lstat()
        if info.st_uid not in trusted:
            return f"{current} belongs to uid {info.st_uid}, not root"
        loose = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        if not stat.S_ISLNK(info.st_mode) and loose and (first or not info.st_mode & _STICKY):
            return (f"{current} is writable by others than its owner "
                    f"(mode {oct(info.st_mode & 0o7777)})")
        if current == current.parent:
            break
        first = False
        current = current.parent
    real = folder.resolve()
    return None if real == folder else unsafe_folder(real, trusted_uid)


def config_folder(config: Path, euid: int) -> None:
    """When root: the config's folder is safe to write a secret file in (``unsafe_folder``)."""
    if euid != 0:
        return
    problem = unsafe_folder(config.parent)
    if problem is not None:
        raise usage(f"--config: {config}: {problem}; as root the config goes in a folder only "
                    "root can write (and every folder above it: root's, or sticky like /tmp)")
