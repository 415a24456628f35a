"""A failed step or a damaged install record ends the installer with one message naming what
failed and exit 1, never a traceback: a corrupt ``noc-install.json`` (upgrade, uninstall), a
system tool (useradd, userdel) that fails or cannot start."""

from __future__ import annotations

import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from noc_install import accounts, state
from noc_install.errors import FAILED, InstallError

REPO = Path(__file__).resolve().parents[2]


def run_installer(layer: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-S", "-I", str(REPO / "installers" / layer / "install"),
                           *argv], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


GOOD = {"layer": "backend", "config": "/etc/noc/backend.env", "data_dir": "/var/lib/noc/backend",
        "user": "noc-backend", "user_created": True, "host": "127.0.0.1", "port": 8700,
        "systemd": False, "unit": "noc-backend.service", "installed_at": "2025-01-01T00:00:00"}


@pytest.mark.parametrize(("record", "named"), [
    ("{not json", "Expecting property name"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "data_dir"}), "missing data_dir"),
    (json.dumps({**GOOD, "port": "eighty"}), "port: 'eighty' is not a int"),
    (json.dumps({**GOOD, "systemd": "no"}), "systemd: 'no' is not a bool"),
    ("\udcff", "codec"),
])
@pytest.mark.parametrize("mode", ["--upgrade", "--uninstall"])
def test_a_damaged_install_record_is_named_not_a_traceback(tmp_path: Path, record: str,
                                                           named: str, mode: str) -> None:
    prefix = tmp_path / "opt"
    prefix.mkdir()
    (prefix / "noc-install.json").write_bytes(record.encode("utf-8", "surrogateescape"))
    done = run_installer("backend", mode, "--prefix", str(prefix))
    assert done.returncode == FAILED, done.stderr
    assert "Traceback" not in done.stderr
    assert f"the install record {prefix / 'noc-install.json'} cannot be read" in done.stderr
    assert named in done.stderr
    assert sorted(p.name for p in prefix.iterdir()) == ["noc-install.json"]  # nothing removed


def test_no_record_is_nothing_installed_and_a_newer_installers_key_is_ignored(
        tmp_path: Path) -> None:
    assert state.load(tmp_path) is None
    (tmp_path / "noc-install.json").write_text(json.dumps({**GOOD, "added_later": [1]}))
    loaded = state.load(tmp_path)
    assert loaded is not None and loaded.port == 8700


def test_a_failing_system_tool_is_an_install_error_with_its_output() -> None:
    failing = [sys.executable, "-c", "import sys; print('useradd: group 7 exists'); sys.exit(9)"]
    with pytest.raises(InstallError) as caught:
        accounts.run_tool(failing, "creating the user noc-x")
    assert caught.value.status == FAILED
    assert caught.value.message.startswith("creating the user noc-x: ")
    assert "failed (exit 9): useradd: group 7 exists" in caught.value.message
    with pytest.raises(InstallError, match="could not run"):
        accounts.run_tool(["/nonexistent/useradd", "x"], "creating the user x")
    accounts.run_tool([sys.executable, "-c", "pass"], "nothing")  # success says nothing


def test_under_a_strict_umask_what_the_installer_makes_is_enterable(tmp_path: Path) -> None:
    """Root's umask 077 (a hardened server): the folders made above the data directory and the
    venv must still be 0755 (files 0644), or the service's user cannot enter or run them. The
    install stops at pip (an empty wheel folder), after the folders and the venv are made."""
    me = pwd.getpwuid(os.getuid()).pw_name
    empty = tmp_path / "wheels"
    empty.mkdir()
    root = tmp_path / "root"
    prefix, data = root / "opt" / "noc" / "backend", root / "var" / "lib" / "noc" / "backend"
    done = subprocess.run(
        [sys.executable, "-S", "-I", str(REPO / "installers" / "backend" / "install"),
         "--no-systemd", "--user", me, "--wheels", str(empty), "--prefix", str(prefix),
         "--config", str(root / "etc" / "noc" / "backend.env"), "--data-dir", str(data)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, umask=0o077)
    assert done.returncode == FAILED and "pip failed" in done.stderr, done.stdout + done.stderr
    assert mode(data) == 0o700  # private on purpose
    for made in (root / "var", root / "var" / "lib", root / "var" / "lib" / "noc", root / "opt",
                 root / "opt" / "noc", prefix, prefix / "bin"):
        assert mode(made) == 0o755, made
    assert mode(prefix / "pyvenv.cfg") == 0o644
    site = next(prefix.glob("lib/python3*/site-packages"))
    assert mode(site) == 0o755
    assert all(mode(p) & 0o005 == 0o005 for p in site.rglob("*") if p.is_dir())
    assert all(mode(p) & 0o004 for p in site.rglob("*.py"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
