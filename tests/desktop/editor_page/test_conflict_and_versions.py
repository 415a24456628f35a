"""Save conflicts and the version history against a real backend: another user saves a newer
version while the editor edits; saving shows the choice (compare with marks, reload theirs,
save mine anyway); two versions compared with the diff marks on the right blocks; an old
version opened read-only and restored as the newest."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from noc_contracts import ProcedureGraph
from noc_contracts.api import ProcedureCreate, ProcedurePublic
from noc_desktop.client import NocClient
from noc_desktop.procedures.conflict_dialog import ConflictDialog
from noc_desktop.procedures.page import ProceduresPage
from noc_desktop.procedures.version_dialogs import CompareDialog, VersionDialog
from noc_desktop.session import Session
from tests.desktop.conftest import Run
from tests.desktop.document.graphs import EXAMPLE
from tests.desktop.editor_page.conftest import SHOTS, open_page, open_procedure, save_and_wait


def _create(session: Session, run: Run) -> ProcedurePublic:
    return run(session.client.create_procedure(ProcedureCreate(
        name="nginx watchdog", description="keeps nginx up",
        graph=ProcedureGraph.model_validate(EXAMPLE))))  # type: ignore[no-any-return]


def _bob_saves(bob: NocClient, run: Run, procedure_id: int, base: int) -> ProcedurePublic:
    """Bob: a longer pause, and a log block after it (version ``base + 1``)."""
    graph = copy.deepcopy(EXAMPLE)
    next(n for n in graph["nodes"] if n["id"] == "pause")["seconds"] = 30
    graph["nodes"].append({"id": "log", "type": "wait", "seconds": 1})
    graph["edges"] = [e for e in graph["edges"] if e["from"] != "pause"]
    graph["edges"] += [{"from": "pause", "to": "log", "on": "next"},
                       {"from": "log", "to": "check", "on": "next"}]
    return run(bob.save_procedure(  # type: ignore[no-any-return]
        procedure_id, ProcedureCreate(name="nginx watchdog", description="keeps nginx up",
                                      graph=ProcedureGraph.model_validate(graph)),
        base_version=base))


def _edit_alert(page: ProceduresPage, text: str) -> None:
    page.pane.properties.value_changed.emit("alert", "params.text", text)
    assert page.pane.is_modified()


def _conflict(qtbot: QtBot, page: ProceduresPage) -> ConflictDialog:
    page.pane.page_actions["save"].trigger()
    qtbot.waitUntil(lambda: page.pane.saver.conflict is not None, timeout=10_000)
    dialog = page.pane.saver.conflict
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_conflict_compare_then_save_anyway(qtbot: QtBot, session: Session, bob: NocClient,
                                          run: Run) -> None:
    created = _create(session, run)
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    _edit_alert(page, "v2 text")
    save_and_wait(qtbot, page, 2)
    _bob_saves(bob, run, created.id, base=2)  # version 3, behind the editor's back
    _edit_alert(page, "mine, on top of 2")

    dialog = _conflict(qtbot, page)
    assert "bob saved version 3" in dialog.message.text()
    assert page.pane.procedure is not None and page.pane.procedure.version == 2
    assert page.pane.is_modified()
    dialog.compare_button.click()
    view = dialog.compare_view
    assert view.isVisible()
    theirs, mine = view.left.flow_scene.blocks, view.right.flow_scene.blocks
    assert theirs["log"].mark == "removed" and "log" not in mine  # theirs has it, mine not
    assert theirs["pause"].mark == "changed" and mine["pause"].mark == "changed"
    assert mine["alert"].mark == "changed" and theirs["check"].mark is None
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)
    dialog.grab().save(str(SHOTS / "editor-conflict.png"))

    dialog.save_button.click()
    qtbot.waitUntil(lambda: page.pane.procedure is not None
                    and page.pane.procedure.version == 4, timeout=10_000)
    stored = run(session.client.get_procedure(created.id))
    alert = stored.graph.node("alert")
    assert alert is not None and alert.params["text"] == "mine, on top of 2"
    assert stored.graph.node("log") is None  # mine replaced theirs, explicitly
    assert not page.pane.is_modified()


def test_a_newer_version_seen_in_the_list_never_drops_edits_begun_while_it_loads(
        qtbot: QtBot, session: Session, bob: NocClient, run: Run) -> None:
    created = _create(session, run)
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    _bob_saves(bob, run, created.id, base=1)  # version 2, behind the editor's back
    # the list refresh saw version 2 while nothing was edited, and loads it; the edit comes
    # before the answer does
    with qtbot.waitSignal(page.pane.saver.load_done, timeout=10_000):
        page.pane.saver.load(created.id, keep_edits=True)
        _edit_alert(page, "mine, begun while version 2 loads")
    assert page.pane.is_modified()
    assert page.pane.procedure is not None and page.pane.procedure.version == 1


def test_conflict_reload_takes_theirs(qtbot: QtBot, session: Session, bob: NocClient,
                                      run: Run) -> None:
    created = _create(session, run)
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    _bob_saves(bob, run, created.id, base=1)
    _edit_alert(page, "lost")
    dialog = _conflict(qtbot, page)
    dialog.reload_button.click()
    qtbot.waitUntil(lambda: page.pane.procedure is not None
                    and page.pane.procedure.version == 2, timeout=10_000)
    assert page.pane.document.has_node("log") and not page.pane.is_modified()
    assert page.pane.header.status.text() == "Loaded version 2."
    assert run(session.client.get_procedure(created.id)).version == 2


def test_version_diff_open_and_restore(qtbot: QtBot, session: Session, bob: NocClient,
                                       run: Run) -> None:
    created = _create(session, run)
    _bob_saves(bob, run, created.id, base=1)
    page = open_page(qtbot, session)
    open_procedure(qtbot, page, "nginx watchdog")
    versions = page.pane.versions
    qtbot.waitUntil(lambda: len(versions.versions) == 2, timeout=5000)
    assert not versions.compare_button.isEnabled()
    page.pane.docks["versions"].raise_()
    versions.select_versions(1, 2)
    assert versions.compare_button.isEnabled() and not versions.open_button.isEnabled()
    versions.compare_button.click()
    compare = page.pane.findChild(CompareDialog)
    assert compare is not None
    old, new = compare.compare_view.left.flow_scene, compare.compare_view.right.flow_scene
    assert {n: b.mark for n, b in new.blocks.items() if b.mark} == {"log": "added",
                                                                   "pause": "changed"}
    assert {n: b.mark for n, b in old.blocks.items() if b.mark} == {"pause": "changed"}
    assert "Edges added" in compare.compare_view.summary.text()
    compare.resize(1200, 700)
    qtbot.wait(100)
    compare.grab().save(str(SHOTS / "editor-version-diff.png"))
    compare.close()

    versions.select_versions(1)
    assert versions.restore_button.isEnabled()
    versions.open_button.click()
    dialog = page.pane.findChild(VersionDialog)
    assert dialog is not None and "log" not in dialog.view.flow_scene.blocks
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: page.pane.procedure is not None
                    and page.pane.procedure.version == 3, timeout=10_000)
    assert not page.pane.document.has_node("log")
    stored = run(session.client.get_procedure(created.id))
    assert stored.graph.nodes == ProcedureGraph.model_validate(EXAMPLE).nodes
    qtbot.waitUntil(lambda: len(versions.versions) == 3, timeout=5000)
    assert QApplication.activeModalWidget() is None
