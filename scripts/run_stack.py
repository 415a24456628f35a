"""`make run`: the whole stack on the embedded default (SQLite + SqliteHuey under ./var/), and
the desktop app on top when there is a display (``DISPLAY`` or ``WAYLAND_DISPLAY``); without
one the servers run headless. Closing the app leaves the servers running until Ctrl-C.

The ``NOC_BACKEND_*``, ``NOC_SCHEDULER_*`` and ``NOC_NODE_*`` variables it is given reach their
layer (``noc_devstack.given_settings``; the few the stack owns are ignored, saying why). A layer
that dies is started again after a back-off (``noc_devstack.supervisor``). Exit status: 0 after
Ctrl-C, 1 when the stack could not start or was given up on, 2 when a port is taken,
``NOC_RUN_BASE_PORT`` is not a port or ``NOC_NODE_WORKERS`` not a whole number from 1 up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

import httpx

from noc_devstack import Stack, StackConfig, start_stack
from noc_devstack.given_settings import LAYERS, GivenSettings, report, split_given
from noc_devstack.layer_report import how_it_ended, port_in_use, tail
from noc_devstack.ports import port_free
from noc_devstack.samples import SAMPLE_PROCEDURES, add_sample_procedures
from noc_devstack.stack import LayerFailed, node_capacity
from noc_devstack.supervisor import Supervisor, port_taken_line

DESKTOP = str(Path(sys.executable).parent / "noc-desktop")


def start_desktop(backend_url: str) -> subprocess.Popen[bytes] | None:
    """The desktop app against ``backend_url`` when a display is there, else ``None``."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("no display (DISPLAY / WAYLAND_DISPLAY unset): servers only; from a desktop "
              f"session run: {DESKTOP} --server {backend_url}", flush=True)
        return None
    print(f"opening the desktop app ({DESKTOP} --server {backend_url}) ...", flush=True)
    return subprocess.Popen([DESKTOP, "--server", backend_url])


def seed_samples(backend_url: str, admin_password: str) -> None:
    """On a fresh database, save the sample procedures so a new user has something to run
    (``NOC_RUN_SAMPLES=0`` skips it; existing procedures are never touched)."""
    if os.environ.get("NOC_RUN_SAMPLES", "1") == "0":
        return
    with httpx.Client(base_url=f"{backend_url}/api/v1", timeout=30) as api:
        r = api.post("/auth/login", json={"username": "admin", "password": admin_password})
        if r.status_code != 200:
            return
        api.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        if api.get("/procedures", params={"limit": 1}).json().get("count", 1):
            return
        add_sample_procedures(api)
        api.post("/auth/logout")
    names = ", ".join(name for name, _, _ in SAMPLE_PROCEDURES)
    print(f"sample procedures added: {names} (an inventory to try them on: "
          "docs/examples/lab-inventory.ini, hosts that run on this machine)", flush=True)


def base_port(environ: Mapping[str, str]) -> int:
    """``NOC_RUN_BASE_PORT`` (default 8700): the backend's port; the scheduler and node take the
    next two. ValueError naming the variable when it is not a usable port."""
    text = environ.get("NOC_RUN_BASE_PORT") or "8700"
    if not text.strip().isdigit() or not 1 <= int(text) <= 65533:
        raise ValueError(f"NOC_RUN_BASE_PORT must be a port number from 1 to 65533 (the "
                         f"backend's; the scheduler and node take the next two), not {text!r}")
    return int(text)


def stack_config(var_dir: Path, port: int, given: GivenSettings) -> StackConfig:
    """The stack ``make run`` starts: ports from ``port`` on, the given layers' settings over
    its defaults; the node is registered under the name it is given, and the admin password
    given to the backend is the one ``make run`` logs in with."""
    admin_password = (os.environ.get("NOC_BOOTSTRAP_ADMIN_PASSWORD")
                      or given.layers["backend"].get("NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD"))
    return StackConfig(var_dir=var_dir, backend_port=port, scheduler_port=port + 1,
                       node_port=port + 2, admin_password=admin_password or None,
                       node_name=given.layers["node"].get("NOC_NODE_NAME") or "local",
                       layer_settings=given.layers)


def taken_port(cfg: StackConfig) -> str | None:
    """The message for the first of the stack's ports another program holds, else None."""
    for layer in LAYERS:
        if not port_free(cfg.host, cfg.port(layer)):
            return port_taken_line(cfg, layer)
    return None


def start_failed(cfg: StackConfig, exc: LayerFailed) -> tuple[str, int]:
    """What to say when a layer died or hung at start, and the exit status: a taken port is
    named (2), anything else shows the last lines this start of the layer logged (1)."""
    if port_in_use(exc.log_text):
        return port_taken_line(cfg, exc.layer), 2
    ended = ("did not answer its health check" if exc.returncode is None
             else how_it_ended(exc.returncode))
    return (f"could not start the stack: {exc.layer} {ended} at start; the last lines of its "
            f"log ({cfg.var_dir}/log/{exc.layer}.log):\n{tail(exc.log_text)}", 1)


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    var_dir = Path(os.environ.get("NOC_RUN_VAR_DIR") or root / "var")
    try:
        port = base_port(os.environ)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    given = split_given(os.environ)
    for line in report(given):
        print(line, flush=True)
    cfg = stack_config(var_dir, port, given)
    try:
        node_capacity(cfg)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    taken = taken_port(cfg)
    if taken is not None:
        print(taken, file=sys.stderr)
        return 2
    print(f"starting backend, scheduler and node (logs in {var_dir}/log/) ...", flush=True)
    try:
        stack = start_stack(cfg)
    except LayerFailed as exc:
        message, status = start_failed(cfg, exc)
        print(message, file=sys.stderr)
        return status
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"could not start the stack: {exc}", file=sys.stderr)
        return 1
    desktop: subprocess.Popen[bytes] | None = None
    status = 0
    try:
        desktop, status = run_until_stopped(stack, var_dir)
    finally:  # a failed launch, a bad seed, Ctrl-C or giving up: never leave the servers running
        stop_desktop(desktop)
        print("stopping ...", flush=True)
        stack.stop()
        print("stopped.", flush=True)
    return status


def run_until_stopped(stack: Stack,
                      var_dir: Path) -> tuple[subprocess.Popen[bytes] | None, int]:
    """Say where everything is, seed, open the desktop, then supervise the servers until
    Ctrl-C (status 0) or until one fails too often (1); the desktop still running at the end
    (if any) and the status."""
    sec = stack.secrets
    print(f"backend    {stack.backend_url}   (API docs: {stack.backend_url}/docs)")
    print(f"scheduler  {stack.scheduler_url}")
    print(f"node       {stack.node_url}")
    if sec.admin_password_generated:
        print(f"admin password (shown once; kept in {var_dir}/admin-password): "
              f"{sec.admin_password}")
    else:
        print(f"log in as 'admin' (password in {var_dir}/admin-password "
              "or NOC_BOOTSTRAP_ADMIN_PASSWORD)")
    try:
        seed_samples(stack.backend_url, sec.admin_password)
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        print(f"could not add the sample procedures: {exc}", file=sys.stderr)
    try:
        desktop = start_desktop(stack.backend_url)
    except OSError as exc:
        print(f"could not open the desktop app: {exc}", file=sys.stderr)
        desktop = None
    print("Ctrl-C stops everything; a server that dies is started again.", flush=True)
    stopping = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def watch_desktop() -> None:
        nonlocal desktop
        if desktop is not None and desktop.poll() is not None:
            print("the desktop app was closed; the servers keep running until Ctrl-C "
                  f"(open it again with: {DESKTOP} --server {stack.backend_url})", flush=True)
            desktop = None

    status = Supervisor(stack).watch(stopping, each_tick=watch_desktop)
    return desktop, status


def stop_desktop(desktop: subprocess.Popen[bytes] | None, timeout_s: float = 10.0) -> None:
    """Ask the desktop app to quit and wait for it (killed if it does not)."""
    if desktop is None or desktop.poll() is not None:
        return
    desktop.terminate()
    try:
        desktop.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        desktop.kill()
        desktop.wait()

if __name__ == "__main__":
    sys.exit(main())
