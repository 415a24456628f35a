"""The desktop bundle, built as ``make desktop-bundle`` builds it (build_spec/build_desktop.py,
into a temp dir): the archive holds the one-folder app, its freedesktop launcher and icon;
unpacked elsewhere, the app passes its ``--self-test`` with an empty environment (``env -i``),
with this checkout (its .venv and sources) and the machine's Python installations hidden under
empty mounts where the kernel lets a mount namespace be made; and the launcher installs with
this folder's path. Slow (a PyInstaller build, about a minute): marked e2e like the other
whole-process tests, so ``make unit`` leaves it out and ``make test`` runs it."""

from __future__ import annotations

import configparser
import glob
import os
import platform
import shlex
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

# the build takes about a minute and a half here; the timeout leaves room for a busy machine
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(480)]

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / "build_spec" / "build_desktop.py"
VERSION = tomllib.loads((ROOT / "desktop" / "pyproject.toml").read_text())["project"]["version"]
#: what the bundle must leave out (the spec's excludes), as paths inside it
LEFT_OUT = ("_internal/mypy", "_internal/hypothesis", "_internal/numpy",
            "_internal/PySide6/Qt/lib/libQt6WebEngineCore.so.6",
            "_internal/PySide6/Qt/lib/libQt63DCore.so.6", "_internal/PySide6/QtNetwork.abi3.so",
            "_internal/PySide6/Qt/plugins/platformthemes/libqgtk3.so",
            "_internal/PySide6/Qt/translations/qtbase_de.qm")
MAX_BUNDLE_MIB = 220


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive, built by the command the Makefile target runs (the venv's python)."""
    out = tmp_path_factory.mktemp("bundle-build")
    done = subprocess.run([sys.executable, str(BUILD), "--dist", str(out / "dist"),
                           "--work", str(out / "work")],
                          cwd=ROOT, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    name = f"noc-desktop-{VERSION}-linux-{platform.machine().lower()}.tar.gz"
    assert f"archive: {out / 'dist' / name}" in done.stdout
    return out / "dist" / name


@pytest.fixture(scope="module")
def unpacked(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked in a fresh folder, away from the build."""
    place = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(place, filter="data")
    return place / "noc-desktop"


def test_the_archive_holds_the_app_folder_its_launcher_and_icon(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        members = {member.name: member for member in tar.getmembers()}
        entry_text = tar.extractfile("noc-desktop/noc-desktop.desktop").read().decode()  # type: ignore[union-attr]
    assert {name.split("/")[0] for name in members} == {"noc-desktop"}
    for name in ("noc-desktop/noc-desktop", "noc-desktop/install-launcher.sh"):
        assert members[name].mode & 0o111, f"{name} is not executable"
    assert "noc-desktop/noc-desktop.svg" in members
    assert "noc-desktop/_internal/noc_desktop/i18n/pt_BR.qm" in members
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(entry_text)
    launcher = entry["Desktop Entry"]
    assert launcher["Type"] == "Application"
    assert launcher["Exec"] == "noc-desktop" and launcher["Icon"] == "noc-desktop"
    assert launcher["Name"] and launcher["Name[pt_BR]"] and launcher["Comment[pt_BR]"]


def test_the_bundle_leaves_out_what_the_desktop_does_not_use(unpacked: Path) -> None:
    present = [name for name in LEFT_OUT if (unpacked / name).exists()]
    assert not present
    size = sum(path.stat().st_size for path in unpacked.rglob("*")
               if path.is_file() and not path.is_symlink())
    assert size < MAX_BUNDLE_MIB * 2**20, f"the bundle grew to {size / 2**20:.0f} MiB"


def hidden_python() -> list[str]:
    """What a machine with no Python packages lacks: this checkout (its .venv, the sources),
    the interpreter the venv was made from, the system's Python libraries."""
    places = {str(ROOT), sys.base_prefix if sys.base_prefix != "/usr" else ""}
    places.update(glob.glob("/usr/lib/python3*") + glob.glob("/usr/local/lib/python3*"))
    return sorted(p for p in places if p and os.path.isdir(p))


def namespace_prefix() -> list[str] | None:
    """``unshare`` with a private mount namespace where one can be made here (root, or a
    user namespace), else ``None``."""
    for prefix in (["unshare", "--mount"], ["unshare", "--user", "--map-root-user", "--mount"]):
        try:
            probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs none /mnt"],
                                   capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if probe.returncode == 0:
            return prefix
    return None


def test_the_unpacked_app_passes_its_self_test_with_no_python_around(
        unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    run_app = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}",
               str(unpacked / "noc-desktop"), "--self-test"]
    prefix = namespace_prefix()
    if prefix is None and os.environ.get("CI"):  # elsewhere: the path checks below alone
        pytest.fail("no private mount namespace (unshare --mount) here: the checkout and the "
                    "machine's Python cannot be hidden from the bundle")
    hidden = hidden_python() if prefix is not None else []
    if prefix is not None:
        mounts = "".join(f"mount -t tmpfs -o ro noc-hidden {shlex.quote(p)} && "
                         for p in hidden)
        checks = "".join(f"[ -z \"$(ls -A {shlex.quote(p)})\" ] && " for p in hidden)
        command = [*prefix, "sh", "-c",
                   f"{mounts}{checks}cd {shlex.quote(str(tmp_path))} && exec "
                   + shlex.join(run_app)]
    else:
        command = run_app
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "self-test passed", done.stdout
    python = next(line for line in lines if line.startswith("ok   python: "))
    assert " frozen bundle " in python
    sys_path = python.split("sys.path=")[1].split(";")[0].split(os.pathsep)
    assert sys_path and all(p.startswith(str(unpacked)) for p in sys_path), sys_path
    for place in python.split("; ")[-1].split():
        assert place.split("=", 1)[1].startswith(str(unpacked)), place
    assert ".venv" not in done.stdout and str(ROOT) not in done.stdout
    for check in ("translation", "icon", "keyring backends", "main window"):
        assert any(line.startswith(f"ok   {check}: ") for line in lines), check
    assert any(line.startswith(("ok   keyring: ", "warn keyring: ")) for line in lines)
    if prefix is not None:
        assert str(ROOT) in hidden


def test_the_launcher_installs_with_the_unpacked_folder_s_path(unpacked: Path,
                                                                tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([str(unpacked / "install-launcher.sh")], env=env,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    data = tmp_path / ".local" / "share"
    entry = (data / "applications" / "noc-desktop.desktop").read_text()
    assert f"\nExec={unpacked}/noc-desktop\n" in entry
    assert f"\nTryExec={unpacked}/noc-desktop\n" in entry
    assert "\nName[pt_BR]=" in entry
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "noc-desktop.svg"
    assert icon.read_bytes() == (unpacked / "noc-desktop.svg").read_bytes()
