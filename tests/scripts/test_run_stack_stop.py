"""``make run``'s launcher waits for the desktop app it terminates (and kills one that does
not quit), so stopping never leaves a process behind."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def run_stack() -> ModuleType:
    """``scripts/run_stack.py`` loaded as a module (scripts are not a package)."""
    spec = importlib.util.spec_from_file_location("run_stack", SCRIPTS / "run_stack.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_desktop_is_terminated_and_waited_for() -> None:
    app = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    run_stack().stop_desktop(app)
    assert app.returncode is not None


def test_a_desktop_that_ignores_terminate_is_killed() -> None:
    code = ("import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)")
    app = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None and app.stdout.readline().strip() == "ready"
    started = time.monotonic()
    run_stack().stop_desktop(app, timeout_s=0.5)
    assert app.returncode == -9 and time.monotonic() - started < 10
    app.stdout.close()
