"""`make run`: the whole stack on the embedded default (SQLite + SqliteHuey under ./var/)."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

from noc_devstack import StackConfig, start_stack


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
    print("stopping ...", flush=True)
    stack.stop()
    print("stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
