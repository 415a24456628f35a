"""`make screenshots`: start a demo stack with sample data, then render every main screen of the
desktop offscreen into docs/screenshots/ (English, plus a few in Brazilian Portuguese).

The app is driven as a user would drive it (log in, open pages, launch a run), against real
servers on loopback ports; nothing here reaches into a widget's private state to fake data.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from noc_contracts import ExecutionStatus
from noc_desktop.client import NocClient
from noc_desktop.gc_guard import GcGuard
from noc_desktop.inventory.page import InventoryPage
from noc_desktop.language import install_translators
from noc_desktop.main_window import MainWindow
from noc_desktop.monitor.executions_page import ExecutionsPage
from noc_desktop.nodes.page import NodesPage
from noc_desktop.pending import cancel_pending, finalized_asyncgens
from noc_desktop.preferences import Preferences
from noc_desktop.procedures.page import ProceduresPage
from noc_desktop.runs.schedules_page import SchedulesPage
from noc_desktop.session import Session
from noc_devstack import Stack, StackConfig, free_port, samples, start_stack
from noc_devstack.stack import BIN, layer_env
from noc_scheduler.core.config import Settings as SchedulerSettings

PASSWORD = "demo-admin-password"  # noqa: S105 - a throw-away demo stack
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PageT = TypeVar("PageT", bound=QWidget)
#: the demo stack's own node, and the two more the Nodes screen shows beside it
REAL_NODE = "rio-1"
#: the capacity the two more are registered with, and sp-1's heartbeat reports
DEMO_CAPACITY = 8
#: halfway between the scheduler's (default) late and stale times: a heartbeat this old shows
#: its node late, not yet down
LATE_BEAT_AGE_S = (SchedulerSettings.model_fields["node_late_s"].default
                   + SchedulerSettings.model_fields["node_stale_s"].default) / 2


@dataclass
class DemoNodes:
    """Two more nodes in the demo stack's registry: ``sp-1`` (draining, its heartbeat late by
    the time the screen is shown) and ``lab-1`` (never heard from: down). Registered with the
    scheduler's own command, labelled and drained through the API, and ``sp-1``'s heartbeat
    sent as a node sends it; neither is ever given work."""

    stack: Stack
    tokens: dict[str, str]
    #: the address each was registered with (its heartbeat gives the same)
    urls: dict[str, str]

    @classmethod
    def register(cls, stack: Stack, api: httpx.Client) -> DemoNodes:
        env = {**os.environ, **layer_env(stack.config, stack.secrets)["scheduler"]}
        tokens, urls = {}, {}
        for number, (name, labels) in enumerate((("sp-1", ["site=sp", "zone=dmz"]),
                                                 ("lab-1", [])), start=1):
            tokens[name] = secrets.token_urlsafe(32)
            urls[name] = f"http://10.20.0.{number}:8702"
            token_file = stack.config.var_dir / "secrets" / f"node-{name}.token"
            token_file.write_text(tokens[name])
            token_file.chmod(0o600)
            subprocess.run([str(BIN / "noc-scheduler"), "nodes", "add", "--name", name,
                            "--url", urls[name], "--token-file", str(token_file),
                            "--capacity", str(DEMO_CAPACITY),
                            *[f"--label={label}" for label in labels]],
                           env=env, cwd=stack.config.var_dir, check=True,
                           stdout=subprocess.DEVNULL)
        api.patch(f"/nodes/{REAL_NODE}", json={"labels": {"site": "rio"}}).raise_for_status()
        api.post("/nodes/sp-1/drain").raise_for_status()
        return cls(stack, tokens, urls)

    def beat(self, name: str, running: int, load: float) -> None:
        """One heartbeat of ``name``, as its node would send it."""
        answer = httpx.post(f"{self.stack.scheduler_url}/internal/v1/nodes/heartbeat",
                            headers={"Authorization": f"Bearer {self.tokens[name]}"},
                            json={"name": name, "url": self.urls[name],
                                  "capacity": DEMO_CAPACITY, "queue_depth": 0,
                                  "running": running, "load": load},
                            timeout=10)
        answer.raise_for_status()


async def settle(seconds: float = 1.0) -> None:
    """Let the app fetch and paint (the qasync loop runs Qt's events meanwhile)."""
    await asyncio.sleep(seconds)


async def until(check: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        await asyncio.sleep(0.1)


def page_of(window: MainWindow, key: str, kind: type[PageT]) -> PageT:
    """The window's page ``key``, which must be a ``kind`` (a renamed page fails here)."""
    page = window.page(key)
    if not isinstance(page, kind):
        raise TypeError(f"page {key!r} is a {type(page).__name__}, not a {kind.__name__}")
    return page


def save(widget: QWidget, name: str) -> None:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"  {path.relative_to(ROOT)}")


async def shoot(backend_url: str, language: str, names: set[str] | None,
                nodes: DemoNodes) -> None:
    from noc_desktop.inventory.import_dialog import ImportDialog
    from noc_desktop.login.dialog import LoginDialog

    suffix = "" if language == "en" else f".{language}"

    def wanted(name: str) -> bool:
        return names is None or name in names

    if wanted("login"):
        login = LoginDialog(server_url=backend_url, username="admin")
        login.show()
        await settle(0.3)
        save(login, f"login{suffix}")
        login.close()

    client = NocClient(backend_url)
    user_token = await client.login("admin", PASSWORD)
    assert user_token.access_token
    user = await client.me()
    session = Session(client, user)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "prefs.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, Preferences(settings))
    window.resize(1400, 860)
    window.show()

    window.show_page("inventory")
    await settle(2.0)
    inventory = page_of(window, "inventory", InventoryPage)
    if wanted("inventory"):
        save(window, f"inventory{suffix}")
    if wanted("credentials"):
        inventory.tabs.setCurrentIndex(1)
        await settle(1.0)
        save(window, f"credentials{suffix}")
        inventory.tabs.setCurrentIndex(0)
    if wanted("import"):
        sample = Path(tempfile.mkdtemp()) / "new-site.ini"
        sample.write_text("[bh-web]\nbh-web-01 ansible_host=127.0.0.1 ansible_connection=local"
                          " role=web\nbh-web-02 ansible_host=127.0.0.1 "
                          "ansible_connection=local role=web\n\n[rio-web]\nrio-web-01 "
                          "ansible_host=127.0.0.1 ansible_connection=local role=web "
                          "disk_limit=90\n")
        dialog = ImportDialog(session, window)
        dialog.show()
        dialog.load_file(str(sample))
        await settle(1.5)
        save(dialog, f"import-preview{suffix}")
        dialog.close()

    window.show_page("procedures")
    await settle(2.0)
    page = page_of(window, "procedures", ProceduresPage)
    await open_procedure(page, "nginx watchdog")
    pane = page.pane
    pane.editor.controller.select(["up?"])
    await settle(1.0)
    if wanted("procedures"):
        save(window, f"editor{suffix}")
    if wanted("simulator"):
        from noc_desktop.simulator.outcomes_model import DETAILS, STATUS

        simulator = pane.simulator
        pane.docks["simulator"].raise_()
        await until(lambda: len(simulator.script.rows) >= 3, 10)
        simulator.host_form.describe("web-01")
        model = simulator.outcomes.model
        model.setData(model.index(0, STATUS), "ok", Qt.ItemDataRole.EditRole)
        model.setData(model.index(0, DETAILS), '{"facts": {"state": "stopped"}}',
                      Qt.ItemDataRole.EditRole)
        simulator.outcomes.table.selectRow(0)
        for _ in range(3):  # nginx stays down on every check
            simulator.outcomes.add_button.click()
        simulator.simulate_button.click()
        await until(lambda: simulator.result is not None, 20)
        await settle(1.0)
        save(window, f"simulator{suffix}")
        pane.docks["properties"].raise_()
    await open_procedure(page, "Web tier health check")
    await settle(1.0)
    procedures = {p.name: p for p in (await client.list_procedures()).data}
    check = procedures["Web tier health check"]
    if wanted("run-dialog"):
        from noc_desktop.runs.run_dialog import RunDialog

        run_dialog: QDialog = RunDialog(session, check, window)
        run_dialog.show()
        await settle(1.5)
        save(run_dialog, f"run-dialog{suffix}")
        run_dialog.close()

    window.show_page("schedules")
    await settle(2.0)
    await select_row(page_of(window, "schedules", SchedulesPage), 1)  # recurring: fire times
    await settle(1.0)
    if wanted("schedules"):
        save(window, f"schedules{suffix}")

    if wanted("execution") or wanted("executions"):
        from noc_contracts import RunRequest, Target

        started = await client.start_run(check.id, RunRequest(target=Target(group="web")))
        execution_id = started.execution_id
        assert execution_id is not None
        session.execution_started.emit(execution_id)
        await settle(5.0)
        save(window, f"execution-running{suffix}")
        await until_finished(client, execution_id, 90)
        await settle(2.0)
        save(window, f"execution{suffix}")
        page_of(window, "executions", ExecutionsPage).tabs.setCurrentIndex(0)
        await settle(1.0)
        save(window, f"executions{suffix}")
    if wanted("nodes") or wanted("nodes-edit") or wanted("nodes-remove"):
        nodes.beat("sp-1", running=1, load=0.35)  # its last heartbeat, overdue soon
        await settle(LATE_BEAT_AGE_S)
        window.show_page("nodes")
        nodes_page = page_of(window, "nodes", NodesPage)
        await until(lambda: nodes_page.model.rowCount() == 3)
        nodes_page.table.selectRow(nodes_page.model.row_of("sp-1"))
        await settle(1.0)
        if wanted("nodes"):
            save(window, f"nodes{suffix}")
        if wanted("nodes-edit"):
            nodes_page.edit_button.click()
            node_dialog = nodes_page.dialog
            assert node_dialog is not None
            await until(node_dialog.isVisible)
            await settle(0.5)
            save(node_dialog, f"nodes-edit{suffix}")
            node_dialog.reject()
        if wanted("nodes-remove"):
            nodes_page.remove_button.click()  # asked, then answered Cancel: nothing removed
            confirm = nodes_page.confirm_box
            assert isinstance(confirm, QMessageBox)
            await settle(0.5)
            save(confirm, f"nodes-remove{suffix}")
            confirm.button(QMessageBox.StandardButton.Cancel).click()
    window.close()
    await session.close()  # its streams and calls first, then the client
    await cancel_pending()  # what the pages still run, as the app's quit does


async def open_procedure(page: ProceduresPage, name: str) -> None:
    """Click the procedure called ``name`` in the list and wait for the editor to show it."""
    proxy = page.proxy
    await until(lambda: any(proxy.index(r, 0).data() == name for r in range(proxy.rowCount())))
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == name)
    page.table.selectRow(row)
    pane = page.pane
    await until(lambda: pane.procedure is not None and pane.procedure.name == name)


async def select_row(page: SchedulesPage, row: int) -> None:
    """Click a row of the page's table, as a user would, once the page has listed it."""
    model = page.table.model()
    await until(lambda: model.rowCount() > row)
    page.table.selectRow(row)


async def until_finished(client: NocClient, execution_id: str, timeout_s: float) -> None:
    """Poll the execution with the app's client (awaited: the Qt loop keeps painting)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while (await client.get_execution(execution_id)).status == ExecutionStatus.running:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"execution {execution_id} still running after {timeout_s}s")
        await asyncio.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="screens to render (default: all)")
    parser.add_argument("--languages", nargs="*", default=["en", "pt_BR"])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="noc-screens-"))
    cfg = StackConfig(var_dir=var_dir, backend_port=free_port(), scheduler_port=free_port(),
                      node_port=free_port(), admin_password=PASSWORD,
                      queue_prefix="noc-screens", node_name=REAL_NODE)
    print("starting a demo stack ...", flush=True)
    stack = start_stack(cfg)
    try:
        api = httpx.Client(base_url=f"{stack.backend_url}/api/v1", timeout=60)
        token = api.post("/auth/login", json={"username": "admin", "password": PASSWORD})
        api.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        samples.load(api)
        nodes = DemoNodes.register(stack, api)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationDisplayName("NOC Orchestrator")
        app.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        guard = GcGuard()  # collections on this thread only, as the app does (app.run_gui)
        guard.install()
        names = set(args.only) if args.only else None
        with loop, finalized_asyncgens(loop):
            for language in args.languages:
                print(f"rendering ({language}):", flush=True)
                translators = install_translators(app, language)
                loop.run_until_complete(shoot(stack.backend_url, language, names, nodes))
                for translator in translators:
                    app.removeTranslator(translator)
        # the closed windows' widgets deleted here, on this thread, before collection resumes
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        guard.uninstall()
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
