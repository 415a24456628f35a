"""``noc-desktop --self-test`` from the venv: it passes with no display and no keyring (a
warning: tokens stay in memory), reads a usable keyring, and names what fails (a catalogue that
did not load, keyring backends a bundle lacks, a page that cannot be built) with a non-zero
exit. The frozen bundle runs the same self-test in tests/desktop/bundle/."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtWidgets import QApplication

from noc_desktop.app import main
from noc_desktop.pages import PAGE_SPECS, PageSpec
from noc_desktop.self_test import (
    KEYRING_GROUP,
    Check,
    check_icon,
    check_keyring,
    check_keyring_backends,
    check_translation,
    check_window,
    run_self_test,
)
from tests.desktop.conftest import MemoryKeyring, Run


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring that is there but refuses every read, as a locked one whose unlock the user
    dismissed does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


def test_the_self_test_passes_from_the_venv_with_no_display_and_no_keyring(
        tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
                          "DBUS_SESSION_BUS_ADDRESS")}
    env["HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "noc_desktop", "--self-test"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok   python", "ok   translation", "ok   icon", "ok   keyring backends",
        "warn keyring", "ok   main window"]
    assert "in memory only" in lines[4]
    # QT_QPA_PLATFORM was set by the self-test itself, and the window speaks pt-BR
    assert "offscreen platform with 5 pages: Inventário, Procedimentos" in lines[5]
    assert lines[-1] == "self-test passed"


def test_the_self_test_reads_a_usable_keyring(qapp: QApplication,
                                              memory_keyring: MemoryKeyring,
                                              capsys: object) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "ok   keyring: tests.desktop.conftest.MemoryKeyring read" in out


def test_a_missing_or_locked_keyring_is_a_warning_not_a_failure() -> None:
    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(keyring.backends.fail.Keyring())
        missing = check_keyring()
        keyring.set_keyring(LockedKeyring())
        locked = check_keyring()
    finally:
        keyring.set_keyring(previous)
    assert (missing.status, missing.failed) == ("warn", False)
    assert "no usable keyring (keyring.backends.fail.Keyring)" in missing.detail
    assert (locked.status, locked.failed) == ("warn", False)
    assert "refused the read (the collection is locked)" in locked.detail


def test_keyring_backends_a_bundle_lacks_are_a_failure() -> None:
    assert check_keyring_backends().status == "ok"  # this venv: keyring's own entry points
    none = check_keyring_backends([], platform_name="linux")
    assert none.failed and "no SecretService entry point (found: none)" in none.detail
    broken = check_keyring_backends(
        [EntryPoint("SecretService", "keyring.backends.NotBundled", KEYRING_GROUP)],
        platform_name="linux")
    assert broken.failed
    assert "SecretService cannot import keyring.backends.NotBundled" in broken.detail


def test_catalogues_that_did_not_load_are_a_failure_naming_them(qapp: QApplication) -> None:
    check = check_translation([])
    assert check.failed
    assert "noc_desktop/i18n/pt_BR.qm" in check.detail and "qtbase_pt_BR.qm" in check.detail


def test_a_page_that_cannot_be_built_fails_the_window_check(run: Run, tmp_path: Path) -> None:
    broken = (*PAGE_SPECS[:1], PageSpec("nodes", "noc_desktop.not_bundled", "NodesPage"))
    check = run(check_window(tmp_path / "settings.ini", broken))
    assert check.failed
    assert check.detail == "ModuleNotFoundError: No module named 'noc_desktop.not_bundled'"


def test_the_exit_code_is_non_zero_and_the_last_line_names_the_failure(
        qapp: QApplication, memory_keyring: MemoryKeyring) -> None:
    out = io.StringIO()
    broken = (PageSpec("inventory", "noc_desktop.not_bundled", "InventoryPage"),)
    assert run_self_test(out, broken) == 1
    lines = out.getvalue().splitlines()
    assert lines[-2].startswith("FAIL main window: ModuleNotFoundError")
    assert lines[-1] == "self-test failed: main window"


def test_an_icon_that_does_not_render_is_a_failure_naming_it(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from noc_desktop import app_icon

    assert check_icon() == Check("icon", "ok", "renders")
    not_svg = tmp_path / "noc-desktop.svg"
    not_svg.write_text("this is not an image")
    monkeypatch.setattr(app_icon, "ICON_FILE", not_svg)
    check = check_icon()
    assert check.failed and "does not render" in check.detail
    monkeypatch.setattr(app_icon, "ICON_FILE", tmp_path / "gone.svg")
    check = check_icon()
    assert check.failed and "gone.svg is missing" in check.detail
