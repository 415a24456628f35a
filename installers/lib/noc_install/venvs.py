"""The layer's code: a venv under the prefix with the layer and its dependencies, pinned by the
repo's ``requirements.lock`` (as constraints), from the repo's folders or, offline, from a
folder of wheels."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from noc_install.errors import InstallError
from noc_install.layers import Layer

REPO = Path(__file__).resolve().parents[3]
LOCK = REPO / "requirements.lock"


def _pip(prefix: Path, args: list[str]) -> None:
    command = [str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet",
               "--disable-pip-version-check", "--no-input", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.strip().splitlines()[-15:])
        raise InstallError(f"pip failed installing into {prefix}:\n{tail}")


def _what(layer: Layer, wheels: Path | None) -> list[str]:
    if wheels is not None:
        return ["--no-index", "--find-links", str(wheels), *layer.distributions]
    return [str(REPO / d) for d in layer.source_dirs]


def create(prefix: Path, python: str | None) -> None:
    """A new venv at ``prefix`` (made by ``python``, default the one running the installer;
    ``checks.python`` has found it able to before anything changed)."""
    done = subprocess.run([python or sys.executable, "-m", "venv", str(prefix)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise InstallError(f"could not create the venv {prefix} (on Debian: apt-get install "
                           f"python3-venv):\n{done.stdout.strip()}")


def install(prefix: Path, layer: Layer, wheels: Path | None, upgrade: bool) -> None:
    """The layer and its dependencies into the venv; on an upgrade the dependencies move to the
    lock's versions and the layer's own packages are reinstalled whatever their version."""
    constraints = ["--constraint", str(LOCK)]
    what = _what(layer, wheels)
    _pip(prefix, [*constraints, *(["--upgrade"] if upgrade else []), *what])
    if upgrade:
        _pip(prefix, ["--force-reinstall", "--no-deps", *what])


def version(prefix: Path, layer: Layer) -> str:
    done = subprocess.run(
        [str(prefix / "bin" / "python"), "-c",
         f"import importlib.metadata as m; print(m.version('{layer.distributions[-1]}'))"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return done.stdout.strip() or "?"
