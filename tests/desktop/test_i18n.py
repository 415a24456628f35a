"""Brazilian Portuguese: the committed .qm matches the .ts, every screen reachable from the
main window shows no English catalogue string left untranslated, lupdate finds nothing in
the source that the .ts lacks, and every .ts context is one the app looks strings up in (a
class's ``self.tr`` or an explicit ``QCoreApplication.translate`` context)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from noc_desktop.language import install_translators, remove_translators
from noc_desktop.login.dialog import LoginDialog
from noc_desktop.main_window import MainWindow
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.pages import PAGE_SPECS, PLACEHOLDER_SPECS, PageSpec
from noc_desktop.preferences import Preferences
from noc_desktop.procedures.editor_page import ProcedureEditor
from noc_desktop.session import Session
from tests.desktop.i18n_catalogue import (
    TS_FILE,
    action_texts,
    read_ts,
    untranslated_patterns,
    visible_texts,
)

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SOURCE = ROOT / "desktop" / "src" / "noc_desktop"


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "pt_BR.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(fresh)],
                   check=True)
    assert fresh.read_bytes() == TS_FILE.with_suffix(".qm").read_bytes(), (
        "pt_BR.qm is stale: run `python scripts/i18n.py compile` and commit it")


def test_the_spine_strings_are_all_translated() -> None:
    mine = {"MainWindow", "LoginDialog", "LoginMessages", "Errors", "BusyIndicator",
            "PlaceholderPage"}
    missing = [(m.context, m.source) for m in read_ts() if m.context in mine and not m.finished]
    assert not missing


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "pt_BR")
    assert len(translators) == 2, "the app's and Qt's pt_BR catalogues both load"
    yield
    remove_translators(qapp, translators)


def english_left(texts: list[str]) -> list[str]:
    patterns = untranslated_patterns(read_ts())
    return sorted({t for t in texts for source, pattern in patterns if pattern.match(t)})


def spine_texts(session: Session, qtbot: QtBot,
                specs: Sequence[PageSpec] = PLACEHOLDER_SPECS) -> tuple[MainWindow, list[str]]:
    """The login dialogs, the window's chrome (menus, navigation, status bar) and About."""
    seen: list[str] = []
    login = LoginDialog(server_url=session.client.server_url, username="admin",
                        memory_only=True, message="x")
    qtbot.addWidget(login)
    login.show()
    seen += visible_texts(login)
    assert "Entrar" in seen and "Senha:" in seen
    renew = LoginDialog(renew_client=session.client, username="admin")
    qtbot.addWidget(renew)
    renew.show()
    seen += visible_texts(renew)
    window = MainWindow(session, Preferences(), page_specs=specs)
    qtbot.addWidget(window)
    window.show()
    seen += action_texts(window.menuBar().actions()) + visible_texts(window.nav)
    seen += [*visible_texts(window.statusBar()), window.windowTitle()]
    window.show_about()
    about = window.findChild(QMessageBox, "about_box")
    assert about is not None
    seen += visible_texts(about)
    about.close()
    assert {"Inventário", "&Arquivo", "&Idioma", "&Sair da conta"} <= set(seen)
    return window, seen


def test_the_login_dialogs_and_the_window_chrome_are_in_portuguese(
        portuguese: None, session: Session, qtbot: QtBot) -> None:
    _, seen = spine_texts(session, qtbot)
    assert english_left(seen) == []


def test_every_screen_reachable_from_the_main_window_is_in_portuguese(
        portuguese: None, session: Session, qtbot: QtBot) -> None:
    window, seen = spine_texts(session, qtbot, PAGE_SPECS)
    for key in window.pages:
        window.show_page(key)
        qtbot.wait(50)
        seen += visible_texts(window)
    assert english_left(seen) == []


def test_lupdate_finds_no_string_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / "pt_BR.ts"
    shutil.copy(TS_FILE, copy)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    i18n.update(copy)
    before = {(m.context, m.source) for m in read_ts(TS_FILE)}
    after = {(m.context, m.source) for m in read_ts(copy)}
    assert sorted(after - before) == []
    assert [m.source for m in read_ts(TS_FILE) if not m.finished] == []


def source_trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p)))
            for p in sorted(SOURCE.rglob("*.py")) if "__pycache__" not in p.parts]


def called(call: ast.Call) -> str:
    """The called function's own name: ``translate`` for ``QCoreApplication.translate(...)``."""
    func = call.func
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")


def lookup_contexts() -> set[str]:
    """The contexts the app looks strings up in at run time: the classes of noc_desktop (their
    ``self.tr``) and the literal first argument of each ``QCoreApplication.translate``."""
    contexts = set()
    for _, tree in source_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                contexts.add(node.name)
            elif (isinstance(node, ast.Call) and called(node) == "translate" and node.args
                  and isinstance(node.args[0], ast.Constant)):
                contexts.add(str(node.args[0].value))
    return contexts


def test_every_ts_context_is_one_the_app_looks_strings_up_in() -> None:
    """lupdate files ``pane.tr("New")`` under the context "pane" (the variable's name) but Qt
    looks it up under the object's class, so such a translation is never shown."""
    names = [c.findtext("name") or ""
             for c in ET.parse(TS_FILE).getroot().iter("context")]  # noqa: S314 - our file
    assert sorted(set(names) - lookup_contexts()) == []


def test_tr_is_only_called_on_self() -> None:
    """``<variable>.tr(...)`` is filed by lupdate under the variable's name: outside a method
    of the class, use ``QCoreApplication.translate("<TheClass>", ...)``."""
    calls = [f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node.func)}"
             for path, tree in source_trees() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "tr"
             and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")]
    assert calls == []


def toolbar_texts(session: Session, qtbot: QtBot) -> list[str]:
    editor = ProcedureEditor(session)
    qtbot.addWidget(editor)
    return [editor.toolbar.windowTitle(), *action_texts(editor.toolbar.actions())]


def test_the_procedure_editor_toolbar_is_in_portuguese(
        qapp: QApplication, session: Session, qtbot: QtBot) -> None:
    english = toolbar_texts(session, qtbot)
    assert {"New", "Save", "Check", "Run…", "Delete procedure…", "Procedure"} <= set(english)
    translators = install_translators(qapp, "pt_BR")
    try:
        portuguese = toolbar_texts(session, qtbot)
    finally:
        remove_translators(qapp, translators)
    assert {"Novo", "Salvar", "Verificar", "Executar…", "Excluir procedimento…",
            "Procedimento"} <= set(portuguese)
    assert len(portuguese) == len(english)
    assert [t for t in portuguese if t and t in english] == []


def test_the_executions_date_filters_explain_clearing_in_portuguese(
        portuguese: None, session: Session, qtbot: QtBot) -> None:
    page = ExecutionsPage(session)
    qtbot.addWidget(page)
    assert page.since.toolTip() == page.until.toolTip() == (
        "Para limpar, escolha a data mais antiga")
