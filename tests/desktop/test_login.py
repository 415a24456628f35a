"""Logging in against a real backend: success, each failure as a message in the dialog, the
token kept in the (test) keyring and reused on the next start, logout, and an expired token
mid-session re-asking only the password while the window keeps its state."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from noc_desktop.login.dialog import LoginDialog
from noc_desktop.pages import PLACEHOLDER_SPECS
from noc_desktop.preferences import Preferences
from noc_desktop.shell import AppShell
from noc_desktop.token_store import TokenStore, service_name
from tests.backend.servers import serve_app
from tests.backend.utils import make_settings
from tests.desktop.conftest import LiveBackend, MemoryKeyring, Run
from tests.support.services import free_port


def fill_and_submit(dialog: LoginDialog, password: str, *, server: str | None = None,
                    user: str | None = None) -> None:
    if server is not None:
        dialog.server_edit.setText(server)
    if user is not None:
        dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def start_shell(run: Run, server_url: str) -> AppShell:
    shell = AppShell(Preferences(), TokenStore(), server_url=server_url,
                     page_specs=PLACEHOLDER_SPECS)
    run(shell.start())
    return shell


def log_in(run: Run, qtbot: QtBot, backend: LiveBackend) -> AppShell:
    shell = start_shell(run, backend.url)
    assert shell.login_dialog is not None and shell.window is None
    fill_and_submit(shell.login_dialog, backend.password, user=backend.username)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=5000)
    return shell


def test_login_opens_the_window_and_keeps_the_token(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run,
        qtbot: QtBot) -> None:
    shell = log_in(run, qtbot, live_backend)
    assert shell.session is not None and shell.session.user.username == "admin"
    assert (service_name(live_backend.url), "admin") in memory_keyring.store
    assert Preferences().server_url == live_backend.url
    assert Preferences().username == "admin"
    assert not shell.login_dialog
    shell.window.closed.disconnect()  # type: ignore[union-attr]
    shell.window.close()  # type: ignore[union-attr]

    again = start_shell(run, live_backend.url)  # the next start: no dialog, same user
    assert again.login_dialog is None and again.window is not None
    assert again.session is not None and again.session.user.username == "admin"
    again.window.closed.disconnect()
    again.window.close()


def test_a_revoked_stored_token_asks_for_the_login(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run,
        qtbot: QtBot) -> None:
    shell = log_in(run, qtbot, live_backend)
    token = shell.session.client.token  # type: ignore[union-attr]
    httpx.post(f"{live_backend.url}/api/v1/auth/logout",
               headers={"Authorization": f"Bearer {token}"}).raise_for_status()
    shell.window.closed.disconnect()  # type: ignore[union-attr]
    shell.window.close()  # type: ignore[union-attr]
    again = start_shell(run, live_backend.url)
    assert again.window is None and again.login_dialog is not None
    assert again.login_dialog.user_edit.text() == "admin"
    assert memory_keyring.store == {}


def test_wrong_password_is_said_in_the_dialog(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run,
        qtbot: QtBot) -> None:
    shell = start_shell(run, live_backend.url)
    dialog = shell.login_dialog
    assert dialog is not None
    fill_and_submit(dialog, "wrong", user="admin")
    qtbot.waitUntil(lambda: dialog.error_label.text() != "" and not dialog.busy, timeout=5000)
    assert dialog.error_label.text() == "Wrong user name or password."
    assert dialog.isVisible() and shell.window is None and memory_keyring.store == {}


def test_throttled_login_is_said_in_the_dialog(
        tmp_path: Path, memory_keyring: MemoryKeyring, run: Run, qtbot: QtBot) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'b.db'}", login_max_failures_per_user=1)
    with serve_app(settings) as url:
        shell = start_shell(run, url)
        dialog = shell.login_dialog
        assert dialog is not None
        for _ in range(2):
            fill_and_submit(dialog, "wrong", user="admin")
            qtbot.waitUntil(lambda: dialog.error_label.text() != "" and not dialog.busy,
                            timeout=5000)
        assert dialog.error_label.text().startswith("Too many failed attempts")


@pytest.mark.parametrize(("server", "expected"), [
    ("ftp://example.org", "This is not a server address"),
    ("http://127.0.0.1:{port}", "Cannot reach a server at http://127.0.0.1:"),
])
def test_bad_address_and_server_down_are_said_in_the_dialog(
        server: str, expected: str, memory_keyring: MemoryKeyring, qasync_loop: object,
        qtbot: QtBot) -> None:
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    fill_and_submit(dialog, "pw", server=server.format(port=free_port()), user="admin")
    qtbot.waitUntil(lambda: dialog.error_label.text() != "" and not dialog.busy, timeout=5000)
    assert dialog.error_label.text().startswith(expected)
    assert "Traceback" not in dialog.error_label.text()


def test_a_silent_server_times_out_with_a_message_and_the_dialog_stays_live(
        memory_keyring: MemoryKeyring, qasync_loop: object, qtbot: QtBot) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        dialog = LoginDialog(server_url=url, username="admin", timeout_s=0.5)
        qtbot.addWidget(dialog)
        fill_and_submit(dialog, "pw")
        qtbot.waitUntil(lambda: not dialog.busy_bar.isHidden(), timeout=1000)
        assert not dialog.login_button.isEnabled()  # busy, yet events flow
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert dialog.error_label.text().startswith(f"The server at {url} did not answer in time")
    assert dialog.login_button.isEnabled()


def test_logout_ends_the_token_and_asks_for_a_login(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run,
        qtbot: QtBot) -> None:
    shell = log_in(run, qtbot, live_backend)
    window = shell.window
    assert window is not None
    token = shell.session.client.token  # type: ignore[union-attr]
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: shell.login_dialog is not None, timeout=5000)
    assert shell.window is None
    assert memory_keyring.store == {}
    me = httpx.get(f"{live_backend.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_an_expired_token_re_asks_the_password_over_the_same_window(
        live_backend: LiveBackend, memory_keyring: MemoryKeyring, run: Run,
        qtbot: QtBot) -> None:
    shell = log_in(run, qtbot, live_backend)
    window, session = shell.window, shell.session
    assert window is not None and session is not None
    window.show_page("schedules")
    httpx.post(f"{live_backend.url}/api/v1/auth/logout",
               headers={"Authorization": f"Bearer {session.client.token}"}).raise_for_status()
    with pytest.raises(Exception, match="token"):
        run(session.call(session.client.me()))
    qtbot.waitUntil(lambda: shell.renew_dialog is not None, timeout=2000)
    dialog = shell.renew_dialog
    assert dialog is not None and dialog.parent() is window
    assert dialog.user_edit.isReadOnly() and dialog.user_edit.text() == "admin"
    assert dialog.server_edit.isReadOnly() and dialog.server_edit.text() == live_backend.url
    with qtbot.waitSignal(session.renewed, timeout=5000):
        fill_and_submit(dialog, live_backend.password)
    assert shell.window is window and shell.session is session
    assert window.stack.currentWidget() is window.page("schedules")
    assert run(session.call(session.client.me())).username == "admin"
    window.closed.disconnect()
    window.close()


@pytest.mark.parametrize("how", ["escape", "close"])
def test_escape_or_closing_the_window_cancels_the_login_in_flight(
        how: str, memory_keyring: MemoryKeyring, qasync_loop: object, qtbot: QtBot) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        dialog = LoginDialog(server_url=f"http://127.0.0.1:{silent.getsockname()[1]}",
                             username="admin", timeout_s=5)
        qtbot.addWidget(dialog)
        dialog.show()
        logged_in: list[object] = []
        dialog.logged_in.connect(logged_in.append)
        fill_and_submit(dialog, "pw")
        qtbot.waitUntil(lambda: dialog.busy, timeout=1000)
        task = dialog._task
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.close()
        assert not dialog.isVisible()
        qtbot.waitUntil(lambda: task is not None and task.done(), timeout=2000)
    assert not dialog.busy and logged_in == []
