"""Build the desktop bundle: ``python build_spec/build_desktop.py [--dist DIR] [--work DIR]``
(what ``make desktop-bundle`` runs). PyInstaller freezes the app with ``noc-desktop.spec`` into
``DIR/noc-desktop/``, the launcher, its icon and ``install-launcher.sh`` go into that folder,
and the folder is packed as ``DIR/noc-desktop-<version>-<os>-<arch>.tar.gz``. Prints the
sizes; exit 1 when PyInstaller fails."""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "noc-desktop.spec"
NAME = "noc-desktop"
#: copied beside the executable: the freedesktop launcher, its icon, the script installing both
EXTRAS = ("noc-desktop.desktop", "install-launcher.sh")
#: the app's own icon (package data of noc_desktop), copied beside them for the launcher
ICON = ROOT / "desktop" / "src" / "noc_desktop" / "icons" / "noc-desktop.svg"


def desktop_version() -> str:
    """The version in desktop/pyproject.toml (the one the app's About box shows)."""
    with (ROOT / "desktop" / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def archive_name(version: str, system: str | None = None, machine: str | None = None) -> str:
    """``noc-desktop-<version>-<os>-<arch>.tar.gz``, e.g. ``...-0.1.0-linux-x86_64.tar.gz``."""
    system = (system or platform.system()).lower()
    machine = (machine or platform.machine()).lower()
    return f"{NAME}-{version}-{system}-{machine}.tar.gz"


def folder_size(folder: Path) -> int:
    """The bytes of the files in ``folder`` (a symlink counts nothing: tar keeps it a link)."""
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"


def build(dist: Path, work: Path) -> Path:
    """Freeze, add the launcher files, pack; returns the archive."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   check=True, cwd=ROOT)
    folder = dist / NAME
    for name in EXTRAS:
        shutil.copy2(HERE / name, folder / name)
    shutil.copy2(ICON, folder / ICON.name)
    archive = dist / archive_name(desktop_version())
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=NAME)
    print(f"bundle:  {folder} ({mib(folder_size(folder))})")
    print(f"archive: {archive} ({mib(archive.stat().st_size)})")
    return archive


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the bundle and the archive go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / NAME,
                        help="PyInstaller's work folder, reused by the next build "
                             "(default: build/noc-desktop/)")
    args = parser.parse_args(argv)
    try:
        build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as exc:
        print(f"build_desktop: PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
