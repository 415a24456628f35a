"""``installers/build-wheels``: the offline wheel folder for ``--wheels``."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from noc_install.layers import LAYERS
from noc_install.venvs import LOCK, REPO

#: every layer's repo folders, once each
SOURCE_DIRS = sorted({d for layer in LAYERS.values() for d in layer.source_dirs})


def _wheel(python: Path, args: list[str], quiet: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-m", "pip", "wheel", "--disable-pip-version-check",
                           "--no-input", *(["--quiet"] if quiet else []), *args],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _ours(folder: Path) -> list[Path]:
    names = {d.replace("-", "_") for layer in LAYERS.values() for d in layer.distributions}
    return sorted(p for p in folder.glob("*.whl") if p.name.split("-")[0] in names)


def build(folder: Path, python: str) -> list[Path]:
    """Fill ``folder``; the wheels of this repo's packages, rebuilt."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in _ours(folder):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="noc-wheels-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        builder = venv / "bin" / "python"
        # one build environment for the four packages (pip's isolation makes one each)
        tools = subprocess.run([str(builder), "-m", "pip", "install", "--quiet",
                                "--disable-pip-version-check", "setuptools>=68", "wheel"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if tools.returncode != 0:
            raise SystemExit(f"build-wheels: installing setuptools failed:\n{tools.stdout}")
        done = _wheel(builder, ["--no-deps", "--no-build-isolation", "--wheel-dir", str(folder),
                                *(str(REPO / d) for d in SOURCE_DIRS)])
        if done.returncode != 0:
            raise SystemExit(f"build-wheels: building this repo's packages failed:\n{done.stdout}")
        ours = [str(p) for p in _ours(folder)]  # by path: never a same-named package elsewhere
        common = ["--constraint", str(LOCK), "--wheel-dir", str(folder), "--find-links",
                  str(folder), *ours]
        if _wheel(builder, ["--no-index", *common]).returncode == 0:
            print(f"build-wheels: {folder}: every dependency was already there")
        else:
            done = _wheel(builder, common)
            if done.returncode != 0:
                raise SystemExit(f"build-wheels: fetching the dependencies failed:\n"
                                 f"{done.stdout[-3000:]}")
    return _ours(folder)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="installers/build-wheels", description=__doc__)
    parser.add_argument("--python", default=sys.executable,
                        help="the Python the servers will run (default: this one)")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    ours = build(args.folder.resolve(), args.python)
    count = len(list(args.folder.glob("*.whl")))
    print(f"build-wheels: {args.folder}: {count} wheels ({', '.join(p.name for p in ours)})")
    return 0
