"""Import preview then apply, export to a file, credentials (secrets gone from every widget
after submit; a credential in use cannot be deleted and the page says why)."""

from __future__ import annotations

from pathlib import Path

import httpx
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from noc_desktop.inventory.credential_dialog import CredentialDialog
from noc_desktop.inventory.import_dialog import ImportDialog
from noc_desktop.session import Session
from tests.backend.utils import ed25519_key
from tests.desktop.inventory.test_dialogs import answer_yes, open_page
from tests.desktop.inventory.test_page import shot

INVENTORY = """
[web]
web1 ansible_host=10.0.0.1 ansible_port=2222
web2 ansible_host=10.0.0.2
[web:vars]
tier=front
"""


def tree_texts(dialog: ImportDialog) -> list[str]:
    out = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        out.append(top.text(0))
        for j in range(top.childCount()):
            out.append("  " + top.child(j).text(0))
            out.extend("    " + top.child(j).child(k).text(0)
                       for k in range(top.child(j).childCount()))
    return out


def test_import_preview_then_apply(qtbot: QtBot, session: Session, admin_api: httpx.Client,
                                   tmp_path: Path) -> None:
    admin_api.post("/hosts", json={"name": "web1", "address": "10.0.0.1"}).raise_for_status()
    source = tmp_path / "lab.yml"  # INI text with a YAML name: the format stays selectable
    source.write_text(INVENTORY)
    page = open_page(session, qtbot)
    page.hosts.import_inventory()
    dialog = page.hosts.dialog
    assert isinstance(dialog, ImportDialog)
    dialog.load_file(str(source))
    assert dialog.format.currentData() == "yaml"
    qtbot.waitUntil(lambda: dialog.error.isVisible() or dialog.plan is not None, timeout=5000)
    dialog.format.setCurrentIndex(dialog.format.findData("ini"))  # previews again
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.apply_button.isEnabled(),
                    timeout=5000)
    texts = tree_texts(dialog)
    assert "Hosts to create (1)" in texts and "  web2" in texts
    assert "Hosts to change (1)" in texts and "  web1" in texts
    assert '    groups: [] -> ["web"]' in texts
    groups = texts[texts.index("Groups to create (1)"):]  # no empty all/ungrouped groups
    assert groups[1] == "  web"
    assert admin_api.get("/hosts").json()["count"] == 1  # a dry run changed nothing
    shot(dialog, qtbot, "import_preview", tmp_path)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: admin_api.get("/hosts").json()["count"] == 2, timeout=5000)
    qtbot.waitUntil(lambda: page.hosts.model.total == 2 and "web" in page.hosts.tree.groups,
                    timeout=5000)


def test_import_refusals_block_apply(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    source = tmp_path / "bad.ini"
    source.write_text("[x]\nh1 ansible_host=10.0.0.1 ansible_password=oops\n")
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(str(source))
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.error.isVisible(), timeout=5000)
    texts = tree_texts(dialog)
    assert any(t.startswith("Refused values") for t in texts), texts
    assert any("ansible_password" in t for t in texts)
    assert not dialog.apply_button.isEnabled()


def test_export_writes_the_servers_inventory(qtbot: QtBot, session: Session,
                                             admin_api: httpx.Client, tmp_path: Path) -> None:
    admin_api.post("/hosts", json={"name": "a1", "address": "10.0.0.1", "groups": ["g"],
                                   "vars": {"x": 1}}).raise_for_status()
    page = open_page(session, qtbot)
    for fmt, name in (("ini", "out.ini"), ("yaml", "out.yaml")):
        target = tmp_path / name
        page.hosts.export_to(str(target), fmt)
        qtbot.waitUntil(target.exists, timeout=5000)
        expected = admin_api.get("/inventory/export", params={"format": fmt}).text
        assert target.read_text() == expected and "a1" in expected


def all_texts(widget: QWidget) -> str:
    parts = [w.text() for w in widget.findChildren(QLineEdit)]
    parts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    return "\n".join(parts)


def test_credential_secrets_leave_the_widgets(qtbot: QtBot, session: Session,
                                              admin_api: httpx.Client, tmp_path: Path) -> None:
    page = open_page(session, qtbot)
    page.tabs.setCurrentIndex(1)
    panel = page.credentials
    panel.add_credential()
    dialog = panel.dialog
    assert isinstance(dialog, CredentialDialog)
    dialog.name.setText("ops-pass")
    dialog.kind.setCurrentIndex(dialog.kind.findData("password"))
    dialog.password.setText("Sup3r-Secret-Pw")
    dialog.become_password.setText("Bec0me-Secret")
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.become_password.echoMode() == QLineEdit.EchoMode.Password
    shot(dialog, qtbot, "credential_dialog", tmp_path)
    after_submit: list[str] = []  # what the dialog's fields hold once the server has it
    dialog.saved.connect(lambda _c: after_submit.append(all_texts(dialog)))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert after_submit and "ops-pass" in after_submit[0]
    assert "Secret" not in after_submit[0] and "Secret" not in all_texts(page)

    key = tmp_path / "id_test"
    key.write_text(ed25519_key())
    panel.add_credential()
    dialog = panel.dialog
    assert isinstance(dialog, CredentialDialog)
    dialog.name.setText("lab-key")
    dialog.load_key_file(str(key))
    assert "PRIVATE KEY" not in all_texts(dialog)  # a loaded key is never displayed
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    row = [c.name for c in panel.credentials].index("lab-key")
    assert panel.table.item(row, 2).text().startswith("SHA256:")
    assert "PRIVATE KEY" not in all_texts(page)


def test_deleting_a_credential_in_use_says_why(qtbot: QtBot, session: Session,
                                               admin_api: httpx.Client) -> None:
    admin_api.post("/credentials", json={"name": "k1", "kind": "password",
                                         "password": "pw-123456"}).raise_for_status()
    admin_api.post("/hosts", json={"name": "db1", "address": "10.0.0.5",
                                   "credential": "k1"}).raise_for_status()
    page = open_page(session, qtbot)
    page.tabs.setCurrentIndex(1)
    panel = page.credentials
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    panel.delete_credential()
    answer_yes(panel, qtbot)
    qtbot.waitUntil(lambda: "Cannot delete" in panel.status.text(), timeout=5000)
    assert "db1" in panel.status.text()
    assert admin_api.get("/credentials").json()["count"] == 1
