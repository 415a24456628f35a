"""The layer's data folder (``--data-dir``): which folder the installer may take, the mark it
leaves there, and what ``--purge`` removes.

The installer takes a folder that does not exist yet (it makes it), an empty folder (it uses
it, and ``--purge`` empties it but leaves the folder), or the data an earlier install of the same
layer left (``--uninstall`` keeps it; the mark says whose it is). A folder holding anything else
is refused: its mode and owner would be changed to the service's, and ``--purge`` would delete
what the installer never made."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from noc_install.errors import usage

MARK = ".noc-install.json"


@dataclass(frozen=True)
class Use:
    """How an install uses its data folder: ``created`` when the installer made the folder
    (``--purge`` removes it) rather than being given an empty one (``--purge`` empties it)."""

    created: bool


def _mark(folder: Path) -> dict[str, object] | None:
    try:
        data = json.loads((folder / MARK).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def judge(folder: Path, layer: str, installed_here: bool = False,
          created_before: bool = False) -> Use:
    """How ``folder`` may be used by ``layer``'s install; a usage error naming ``--data-dir``
    when it may not. ``installed_here``: it is the data folder an install recorded (an upgrade
    of an install made before the mark existed)."""
    if folder.is_symlink():
        raise usage(f"--data-dir: {folder} is a symbolic link: give the folder it leads to")
    if not folder.exists():
        return Use(created=True)
    if not folder.is_dir():
        raise usage(f"--data-dir: {folder} is not a folder")
    if installed_here:  # the record (root's) rather than the mark (in the service's folder)
        return Use(created=created_before)
    mark = _mark(folder)
    if mark is not None and mark.get("layer") == layer:
        return Use(created=mark.get("created") is True)
    if not any(folder.iterdir()):
        return Use(created=False)
    raise usage(f"--data-dir: {folder} is not empty and holds no {layer} data an earlier install "
                f"left (no {MARK} of the {layer}): give a new or empty folder")


def mark(folder: Path, layer: str, use: Use) -> None:
    """Leave the mark that says the folder is ``layer``'s data (read by ``judge`` when the
    layer is installed again after an uninstall that kept it)."""
    path = folder / MARK
    path.unlink(missing_ok=True)
    path.write_text(json.dumps({"layer": layer, "created": use.created}) + "\n",
                    encoding="utf-8")
    path.chmod(0o644)


def purge(folder: Path, use: Use) -> str:
    """Remove what the installer made: the folder when it made it, else its contents (the
    layer's data) with the folder kept. What was done, said for the admin."""
    if folder.is_symlink() or not folder.is_dir():
        return f"data {folder}: not a folder, left alone"
    if use.created:
        shutil.rmtree(folder)
        return f"data {folder} removed"
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            os.unlink(child)
    return f"data {folder} emptied (the folder was there before the install: kept)"
