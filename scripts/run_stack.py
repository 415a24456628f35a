"""`make run`: the whole stack on the embedded default (SQLite + SqliteHuey under ./var/), and
the desktop app on top when there is a display (``DISPLAY`` or ``WAYLAND_DISPLAY``); without
one the servers run headless. Closing the app leaves the servers running until Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from noc_devstack import Stack, StackConfig, start_stack
from noc_devstack.samples import SAMPLE_PROCEDURES, add_sample_procedures

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


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    var_dir = Path(os.environ.get("NOC_RUN_VAR_DIR") or root / "var")
    base_port = int(os.environ.get("NOC_RUN_BASE_PORT") or 8700)
    cfg = StackConfig(var_dir=var_dir, backend_port=base_port, scheduler_port=base_port + 1,
                      node_port=base_port + 2,
                      admin_password=os.environ.get("NOC_BOOTSTRAP_ADMIN_PASSWORD") or None)
    print(f"starting backend, scheduler and node (logs in {var_dir}/log/) ...", flush=True)
    try:
        stack = start_stack(cfg)
    except RuntimeError as exc:
        print(f"could not start the stack: {exc}", file=sys.stderr)
        return 1
    desktop: subprocess.Popen[bytes] | None = None
    try:
        desktop = run_until_stopped(stack, var_dir)
    finally:  # a failed launch, a bad seed or Ctrl-C: never leave the servers running
        stop_desktop(desktop)
        print("stopping ...", flush=True)
        stack.stop()
        print("stopped.")
    return 0


def run_until_stopped(stack: Stack, var_dir: Path) -> subprocess.Popen[bytes] | None:
    """Say where everything is, seed, open the desktop, then wait for Ctrl-C or a dead
    server; the desktop still running at the end (if any)."""
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
    print("Ctrl-C stops everything.", flush=True)
    stopping = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    while not stopping.wait(1.0):
        for layer, proc in stack.processes.items():
            if proc.poll() is not None:
                print(f"{layer} exited with {proc.returncode}; see {var_dir}/log/{layer}.log",
                      file=sys.stderr)
                stopping.set()
        if desktop is not None and desktop.poll() is not None:
            print("the desktop app was closed; the servers keep running until Ctrl-C "
                  f"(open it again with: {DESKTOP} --server {stack.backend_url})", flush=True)
            desktop = None
    return desktop


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
