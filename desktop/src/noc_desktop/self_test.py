"""``noc-desktop --self-test``: does this installation work, from a venv or from the frozen
bundle? Opens the main window offscreen (no server: every request is refused at once), loads
the pt-BR catalogues, finds keyring's backends and reads the keyring; one line per check,
exit 0 when none failed.

A keyring that is missing or locked is a warning, never a failure: the token store then keeps
the token in memory only and the login dialog says so. A bundle without keyring's backends, or
whose Linux backend cannot import, fails: the app would never find a keyring anywhere.
Output is plain English, like the other command-line diagnostics (no translator is involved).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import platform
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import TextIO

import httpx
import keyring
import keyring.errors
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTranslator

from noc_contracts.api import UserPublic
from noc_desktop.client import NocClient
from noc_desktop.language import install_translators, remove_translators
from noc_desktop.main_window import MainWindow, app_version
from noc_desktop.pages import PAGE_SPECS, PageSpec
from noc_desktop.pending import cancel_pending, finalized_asyncgens
from noc_desktop.preferences import Preferences
from noc_desktop.session import Session
from noc_desktop.token_store import keyring_usable, service_name

#: the packages whose location the ``python`` check prints (where they were loaded from)
SHOWN_MODULES = ("noc_desktop", "PySide6", "keyring", "httpx", "qasync")
#: keyring's entry-point group (how it discovers its backends, in a bundle too)
KEYRING_GROUP = "keyring.backends"
#: per platform: the backends the desktop relies on there, and what they import
REQUIRED_BACKENDS: dict[str, dict[str, tuple[str, ...]]] = {
    "linux": {"SecretService": ("secretstorage", "jeepney")},
    "darwin": {"macOS": ()},
    "win32": {"Windows": ()},
}
#: the string the translation check looks up, and the answer the pt-BR catalogue gives
PROBE = ("MainWindow", "Inventory", "Inventário")
#: how long the window stays open: its first page asks the (absent) server and gets its answer
WINDOW_OPEN_S = 0.5


@dataclass(frozen=True)
class Check:
    """One line of the report: ``ok``, ``warn`` (reported, not a failure) or ``FAIL``."""

    name: str
    status: str
    detail: str

    @property
    def failed(self) -> bool:
        return self.status == "FAIL"

    def line(self) -> str:
        return f"{self.status:<4} {self.name}: {self.detail}"


def check_python() -> Check:
    """Which interpreter runs, frozen or not, its ``sys.path`` and where the packages come from
    (a bundle shows only its own folder)."""
    kind = "frozen bundle" if getattr(sys, "frozen", False) else "interpreter"
    places = []
    for name in SHOWN_MODULES:
        module = sys.modules.get(name) or importlib.import_module(name)
        places.append(f"{name}={Path(getattr(module, '__file__', '') or '?').parent}")
    return Check("python", "ok",
                 f"{platform.python_version()} {kind} {sys.executable}; noc-desktop "
                 f"{app_version()}; sys.path={os.pathsep.join(sys.path)}; {' '.join(places)}")


def check_keyring_backends(found: Iterable[EntryPoint] | None = None,
                           platform_name: str = sys.platform) -> Check:
    """keyring's backends are found through their entry points (package metadata a bundle
    must carry); the ones this platform needs must load, with what they import."""
    points = list(entry_points(group=KEYRING_GROUP) if found is None else found)
    names = sorted(point.name for point in points)
    key = next((k for k in REQUIRED_BACKENDS if platform_name.startswith(k)), "")
    required = REQUIRED_BACKENDS.get(key, {})
    problems = []
    for name, imports in required.items():
        point = next((p for p in points if p.name == name), None)
        if point is None:
            problems.append(f"no {name} entry point")
            continue
        for module in (point.value.split(":")[0], *imports):
            try:
                importlib.import_module(module)
            except ImportError as exc:
                problems.append(f"{name} cannot import {module} ({exc})")
    if problems:
        return Check("keyring backends", "FAIL",
                     f"{'; '.join(problems)} (found: {', '.join(names) or 'none'})")
    return Check("keyring backends", "ok", f"found {', '.join(names)}")


def check_keyring() -> Check:
    """Read the keyring the way the token store does; no usable keyring (``keyring_usable``,
    what the token store decides by), or one that refuses the read (locked), is a warning:
    tokens then stay in memory."""
    backend = keyring.get_keyring()
    label = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if not keyring_usable():
        return Check("keyring", "warn", f"no usable keyring ({label}): login tokens are kept "
                                        "in memory only")
    try:
        keyring.get_password(service_name("self-test"), "self-test")
    except keyring.errors.KeyringError as exc:
        return Check("keyring", "warn", f"{label} refused the read ({exc or type(exc).__name__})"
                                        ": login tokens are kept in memory only")
    return Check("keyring", "ok", f"{label} read")


def check_icon() -> Check:
    """The window icon renders (its SVG file is there and Qt's SVG image plugin loads)."""
    from noc_desktop.app_icon import app_icon, icon_problem

    problem = icon_problem(app_icon())
    return Check("icon", "FAIL", problem) if problem else Check("icon", "ok", "renders")


def check_translation(translators: Sequence[QTranslator]) -> Check:
    """Both pt-BR catalogues loaded (the app's and Qt's own) and the app's answers."""
    files = [translator.filePath() for translator in translators]
    mine = [f for f in files if Path(f).name == "pt_BR.qm"]
    qt = [f for f in files if Path(f).name.startswith("qtbase_pt_BR")]
    context, source, expected = PROBE
    answer = QCoreApplication.translate(context, source)
    problems = []
    if not mine:
        problems.append("the app's catalogue (noc_desktop/i18n/pt_BR.qm) did not load")
    if not qt:
        problems.append("Qt's catalogue (qtbase_pt_BR.qm) did not load")
    if mine and answer != expected:
        problems.append(f"{source!r} translates to {answer!r}, not {expected!r}")
    if problems:
        return Check("translation", "FAIL", "; ".join(problems))
    return Check("translation", "ok", f"pt_BR loaded from {', '.join(mine + qt)}")


class OfflineTransport(httpx.AsyncBaseTransport):
    """The self-test has no server: every request fails at once as unreachable."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("the self-test has no server", request=request)


async def check_window(settings_file: Path,
                       page_specs: Sequence[PageSpec] = PAGE_SPECS) -> Check:
    """Build every page in the main window, show it, let the first page meet the absent
    server, close it; the window's preferences go to ``settings_file``, never the user's."""
    user = UserPublic(id=0, username="self-test", role="admin", disabled=False,
                      can_run_commands=False, created_at=datetime.now(UTC))
    session = Session(NocClient("http://self-test.invalid", transport=OfflineTransport()), user)
    window: MainWindow | None = None
    try:
        preferences = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
        window = MainWindow(session, preferences, page_specs=page_specs)
        window.show()
        await asyncio.sleep(WINDOW_OPEN_S)
        shown = window.isVisible()
        titles = [window.nav.item(row).text() for row in range(window.nav.count())]
        window.close()
    except Exception as exc:
        return Check("main window", "FAIL", f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()
        if window is not None:
            window.deleteLater()
        session.deleteLater()
    if not shown:
        return Check("main window", "FAIL", "the window did not show")
    platform_name = QCoreApplication.instance().platformName()  # type: ignore[union-attr]
    return Check("main window", "ok",
                 f"shown on the {platform_name} platform with {len(titles)} pages: "
                 f"{', '.join(titles)}")


def run_self_test(out: TextIO | None = None,
                  page_specs: Sequence[PageSpec] = PAGE_SPECS) -> int:
    """The whole self-test in a fresh ``QApplication`` (Qt already checked to load here);
    the report goes to ``out`` (default: stdout)."""
    out = out or sys.stdout
    import qasync
    from PySide6.QtWidgets import QApplication

    from noc_desktop.gc_guard import GcGuard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    checks: list[Check] = []

    def report(check: Check) -> None:
        checks.append(check)
        print(check.line(), file=out, flush=True)

    report(check_python())
    translators = install_translators(app, "pt_BR")
    report(check_translation(translators))
    report(check_icon())
    report(check_keyring_backends())
    report(check_keyring())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    guard = GcGuard()
    guard.install()
    with (tempfile.TemporaryDirectory(prefix="noc-self-test-") as folder, loop,
          finalized_asyncgens(loop)):
        report(loop.run_until_complete(check_window(Path(folder) / "settings.ini", page_specs)))
        loop.run_until_complete(cancel_pending())
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    guard.uninstall()
    remove_translators(app, translators)
    failed = [check.name for check in checks if check.failed]
    if failed:
        print(f"self-test failed: {', '.join(failed)}", file=out)
        return 1
    print("self-test passed", file=out)
    return 0
