"""What the installer checks before it changes anything on the machine: places it must not
write through or delete, and what later steps need (a password, the peer's tokens, a Python
that makes venvs). Each refusal is a usage error (exit 2) naming the option."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from noc_install import configfile
from noc_install.errors import usage
from noc_install.layers import Layer

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


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def places(prefix: Path, config: Path, data_dir: Path) -> None:
    """The data and the config live apart from the code: ``--uninstall`` removes the prefix
    (so neither may be inside it), and the service's user owns the data folder (so the code
    root runs may not be inside that)."""
    if _inside(data_dir, prefix):
        raise usage(f"--data-dir: {data_dir} is inside the prefix {prefix}, which --uninstall "
                    "removes: give a folder outside it")
    if _inside(config, prefix):
        raise usage(f"--config: {config} is inside the prefix {prefix}, which --uninstall "
                    "removes: give a file outside it")
    if _inside(prefix, data_dir):
        raise usage(f"--data-dir: {data_dir} holds the prefix {prefix}: the service's user owns "
                    "it and could change the code root runs; give folders apart")


def python(interpreter: str) -> None:
    """The Python the venv will be made with runs, is 3.11 or newer and has ``venv`` and
    ``ensurepip`` (Debian ships them apart: python3-venv)."""
    probe = ("import sys\nif sys.version_info < (3, 11): sys.exit(3)\n"
             "import ensurepip, venv")
    try:
        done = subprocess.run([interpreter, "-c", probe], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors="replace",
                              stdin=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise usage(f"--python: {interpreter} cannot run: {exc}") from exc
    if done.returncode == 3:
        raise usage(f"--python: {interpreter} is older than Python 3.11, which the layers need")
    if done.returncode != 0:
        tail = done.stdout.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise usage(f"--python: {interpreter} cannot make a venv (on Debian: apt-get install "
                    f"python3-venv): {tail[0]}")


def peer_tokens(layer: Layer, peer_config: Path | None) -> dict[str, str]:
    """The two tokens ``--peer-config`` gives (none without it): the file read now, before
    anything changes."""
    if peer_config is None:
        return {}
    try:
        text = peer_config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise usage(f"--peer-config: {peer_config} cannot be read: {exc}") from exc
    return configfile.peer_tokens(layer, text, str(peer_config))
