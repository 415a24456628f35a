"""Security of the desktop's connection: a warning before sending a password over plain http
to another machine, ``--ca-file`` for a server signed by an internal CA, and no token ever
written by a keyring backend that stores plain (or trivially decrypted) files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import keyring
import keyring.backend
import pytest
from keyring.backends import null
from pytestqt.qtbot import QtBot

from noc_desktop.app import main, parse_args
from noc_desktop.client.http import travels_unencrypted
from noc_desktop.login.dialog import LoginDialog
from noc_desktop.preferences import Preferences
from noc_desktop.shell import AppShell
from noc_desktop.token_store import TokenStore, keyring_usable, refused_backend
from tests.desktop.conftest import MemoryKeyring


@pytest.mark.parametrize(("url", "unencrypted"), [
    ("http://10.0.0.5:8700", True),
    ("noc.example.com:8700", True),  # a bare host:port becomes http://
    ("https://noc.example.com", False),
    ("http://127.0.0.1:8700", False),
    ("http://localhost:8700", False),
    ("http://[::1]:8700", False),
    ("", False),
    ("ftp://files.lan", False),
])
def test_which_addresses_travel_unencrypted(url: str, unencrypted: bool) -> None:
    assert travels_unencrypted(url) is unencrypted


def test_the_login_dialog_warns_about_plain_http_to_another_machine(qtbot: QtBot) -> None:
    dialog = LoginDialog(server_url="http://10.0.0.5:8700")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.insecure_label.isVisible()
    assert "not encrypted" in dialog.insecure_label.text()
    dialog.server_edit.setText("https://10.0.0.5:8700")
    assert not dialog.insecure_label.isVisible()
    dialog.server_edit.setText("127.0.0.1:8700")
    assert not dialog.insecure_label.isVisible()


def test_ca_file_reaches_the_clients(qtbot: QtBot, qasync_loop: object,
                                     memory_keyring: MemoryKeyring) -> None:
    args = parse_args(["--ca-file", "/etc/noc/ca.pem"])
    assert args.ca_file == "/etc/noc/ca.pem"
    shell = AppShell(Preferences(), TokenStore(), server_url="https://noc.lan",
                     verify=args.ca_file)
    shell.ask_login()
    assert shell.login_dialog is not None and shell.login_dialog._verify == "/etc/noc/ca.pem"
    shell.login_dialog.reject()


def test_a_missing_ca_file_is_said_before_anything_starts(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--ca-file", "/no/such/ca.pem"]) == 2
    assert "no such file" in capsys.readouterr().err


class PlaintextKeyring(keyring.backend.KeyringBackend):
    """Stands for ``keyrings.alt.file.PlaintextKeyring`` (same module path and name)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a token was written to a plaintext file keyring")

    def delete_password(self, service: str, username: str) -> None:
        return None


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize("backend", [PlaintextKeyring(), null.Keyring()])
def test_file_and_null_keyrings_are_refused_and_the_token_stays_in_memory(
        backend: keyring.backend.KeyringBackend) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        assert refused_backend(backend) and not keyring_usable()
        store = TokenStore()
        assert not store.persistent
        store.save("https://noc.lan", "ana", "tok", datetime.now(UTC) + timedelta(hours=1))
        found = store.load("https://noc.lan", "ana")
        assert found is not None and found.token == "tok"  # in memory, this run only
    finally:
        keyring.set_keyring(previous)


def test_a_real_keyring_is_accepted(memory_keyring: MemoryKeyring) -> None:
    assert not refused_backend(memory_keyring) and keyring_usable()
