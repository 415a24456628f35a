"""``noc-desktop [--server URL] [--language en|pt_BR] [--ca-file PATH] [--self-test]``: check
the display platform, start Qt with a qasync event loop, load the translators, log in, then show
the main window (``--self-test``: noc_desktop.self_test instead)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from noc_desktop.platform_check import check_platform, qt_import_problem

if TYPE_CHECKING:
    from noc_desktop.shell import AppShell

logger = logging.getLogger(__name__)

#: the interface languages (noc_desktop.language.LANGUAGES, which needs Qt to import)
LANGUAGE_CODES = ("en", "pt_BR")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="noc-desktop", description="The NOC Orchestrator desktop application.")
    parser.add_argument("--server", metavar="URL",
                        help="the backend's address, e.g. http://127.0.0.1:8700 "
                             "(default: the last one used)")
    parser.add_argument("--language", choices=LANGUAGE_CODES,
                        help="the interface language (default: the saved choice, then the "
                             "system's)")
    parser.add_argument("--ca-file", metavar="PATH",
                        help="a PEM file of the certificate authority that signed the server's "
                             "TLS certificate (an internal CA); default: the system's")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (main window offscreen, pt-BR "
                             "translation, keyring) without a server; exit 0 when it works")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """The entry point; returns the process exit code (2: the GUI cannot start here)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.ca_file and not os.path.isfile(args.ca_file):
        print(f"noc-desktop: --ca-file {args.ca_file}: no such file", file=sys.stderr)
        return 2
    if args.self_test and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed unless one is chosen
    problem = check_platform(os.environ)
    if problem is not None:
        print(problem.message, file=sys.stderr)
        return 2
    if args.self_test:
        return self_test()
    return run_gui(args)


def self_test() -> int:
    """``--self-test`` (noc_desktop.self_test); Qt that cannot load is said as for the GUI."""
    try:
        from noc_desktop.self_test import run_self_test
    except ImportError as exc:
        print(qt_import_problem(exc, os.environ).message, file=sys.stderr)
        return 2
    return run_self_test()


def run_gui(args: argparse.Namespace) -> int:
    """Qt from here on (imported late: the platform check must run first). Qt that cannot
    load (a library the check did not foresee) is said in words, exit code 2."""
    try:
        import qasync
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        from noc_desktop.app_icon import app_icon
        from noc_desktop.gc_guard import GcGuard
        from noc_desktop.language import choose_language, install_translators, system_language
        from noc_desktop.pending import finalized_asyncgens
        from noc_desktop.preferences import APPLICATION, ORGANISATION, Preferences
        from noc_desktop.shell import AppShell
        from noc_desktop.token_store import TokenStore
    except ImportError as exc:
        print(qt_import_problem(exc, os.environ).message, file=sys.stderr)
        return 2

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("NOC Orchestrator")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    preferences = Preferences()
    language = choose_language(args.language, preferences.language, system_language())
    translators = install_translators(app, language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    shell = AppShell(preferences, TokenStore(), server_url=args.server,
                     verify=args.ca_file or True)
    guard = GcGuard()  # collections on this thread only, never on an executor thread
    guard.install()
    shell.finished.connect(loop.stop)
    failed: list[BaseException] = []
    with loop, finalized_asyncgens(loop):
        loop.create_task(start_or_report(shell, failed, loop.stop))
        loop.run_forever()
        loop.run_until_complete(shell.shutdown())
    # delete the closed window's widgets now, on this thread: left to the garbage collector,
    # they could be destroyed from another thread, which crashes Qt
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    guard.uninstall()
    del shell, translators, guard
    gc.collect()
    return 1 if failed else 0


async def start_or_report(shell: AppShell, failed: list[BaseException],
                          stop: Callable[[], None]) -> None:
    """``shell.start()``; if it raises, say so in a box and quit when it is closed (the app
    never runs on with nothing on screen)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    try:
        await shell.start()
    except Exception as exc:
        logger.exception("the app could not start")
        failed.append(exc)
        box = QMessageBox(QMessageBox.Icon.Critical, "NOC Orchestrator",
                          QCoreApplication.translate("App", "The app could not start: {reason}")
                          .format(reason=str(exc) or type(exc).__name__))
        box.setObjectName("startup_error")
        box.finished.connect(lambda _result: stop())
        box.open()
