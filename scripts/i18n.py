"""Translations of the desktop: ``update`` refreshes ``pt_BR.ts`` from the source with
``pyside6-lupdate`` (existing translations are kept), ``compile`` writes ``pt_BR.qm`` with
``pyside6-lrelease`` (the .qm is committed; a test checks it matches the .ts).

    python scripts/i18n.py update
    python scripts/i18n.py compile
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "desktop" / "src" / "noc_desktop"
CATALOGUE_DIR = SOURCE / "i18n"
LANGUAGES = ("pt_BR",)


def tool(name: str) -> str:
    """A PySide6 tool next to this interpreter (the venv's), else on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources(root: Path = SOURCE) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_file: Path, source_root: Path = SOURCE) -> None:
    """Refresh ``ts_file`` with every translatable string under ``source_root``."""
    files = [str(p) for p in sources(source_root)]
    subprocess.run([tool("pyside6-lupdate"), "-silent", "-locations", "none",
                    "-target-language", ts_file.stem, *files, "-ts", str(ts_file)],
                   check=True)


def compile_catalogue(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "compile"))
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        ts_file = CATALOGUE_DIR / f"{language}.ts"
        if args.command == "update":
            update(ts_file)
        else:
            compile_catalogue(ts_file, ts_file.with_suffix(".qm"))
        print(f"{args.command}: {ts_file.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
