"""The import dialog shows the latest preview only, and Apply sends exactly the content and
format of the plan on screen, even when an older preview answers last."""

from __future__ import annotations

from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.import_dialog import ImportDialog
from noc_desktop.session import Session
from tests.desktop.inventory.test_files_and_credentials import tree_texts
from tests.desktop.slow import DelayingTransport, path_is, slow_session, slow_transport

__all__ = ["slow_session", "slow_transport"]  # fixtures


def test_a_late_preview_never_replaces_the_newer_one(
        qtbot: QtBot, slow_session: Session, slow_transport: DelayingTransport,
        admin_api: httpx.Client, tmp_path: Path) -> None:
    old, new = tmp_path / "old.ini", tmp_path / "new.yml"
    old.write_text("[db]\nold1 ansible_host=10.0.0.1\n")
    new.write_text("all:\n  hosts:\n    new1:\n      ansible_host: 10.0.0.2\n")
    slow_transport.hold = path_is("POST", "/inventory/import")
    slow_transport.delay_s = 1.0
    dialog = ImportDialog(slow_session)
    qtbot.addWidget(dialog)
    dialog.load_file(str(old))  # its preview is held back for a second
    qtbot.waitUntil(lambda: len(slow_transport.held) == 1, timeout=3000)
    dialog.load_file(str(new))
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
    assert "  new1" in tree_texts(dialog)
    qtbot.wait(1300)  # the old preview has answered by now
    assert "  new1" in tree_texts(dialog) and "  old1" not in tree_texts(dialog)
    assert dialog.planned is not None and dialog.planned[1] == "yaml"
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: admin_api.get("/hosts").json()["count"] == 1, timeout=5000)
    assert [h["name"] for h in admin_api.get("/hosts").json()["data"]] == ["new1"]
