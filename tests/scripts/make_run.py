"""``make run``'s launcher (``scripts/run_stack.py``) as a real process for the tests: started
with a given environment, its output read as it comes, and the processes it left found."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from noc_devstack.ports import free_base_port, free_port

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run_stack.py"


def three_free_ports() -> int:
    base = free_base_port("127.0.0.1", free_port())
    assert base is not None
    return base


class MakeRun:
    """``scripts/run_stack.py`` run in ``workdir`` (its var dir ``workdir/var``), stdout and
    stderr into ``workdir/make-run.out``; no display, no ``NOC_*`` but the ones given."""

    def __init__(self, workdir: Path, base_port: int, **given: str) -> None:
        self.workdir = workdir
        self.var_dir = workdir / "var"
        self.base_port = base_port
        self.out = workdir / "make-run.out"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("NOC_") and k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
        env.update(NOC_RUN_VAR_DIR=str(self.var_dir), NOC_RUN_BASE_PORT=str(base_port),
                   NOC_RUN_SAMPLES="0", **given)
        with self.out.open("wb") as out:
            self.proc = subprocess.Popen([sys.executable, str(SCRIPT)], env=env, cwd=workdir,
                                         stdout=out, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.out.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = 90) -> str:
        """The output once it holds ``text``; AssertionError (with the output) otherwise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            output = self.output()
            if text in output:
                return output
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not in make run's output "
                             f"(exit {self.proc.poll()}):\n{self.output()}")

    def stop(self, timeout: float = 60) -> int:
        """Ctrl-C, as a person stops it; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            for pid in self.processes():
                os.kill(pid, signal.SIGKILL)
            raise

    def processes(self) -> list[int]:
        """The processes running in the var dir (every layer runs there)."""
        return processes_in(self.var_dir)


def processes_in(directory: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == directory.resolve():
                    found.append(int(entry.name))
            except OSError:
                continue  # gone meanwhile, or not ours to read
    return found


def layer_pid(directory: Path, layer: str) -> int:
    """The pid of ``noc-<layer> serve`` running in ``directory``."""
    for pid in processes_in(directory):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if "serve" in args and any(a.endswith(f"/noc-{layer}") for a in args):
            return pid
    raise AssertionError(f"no noc-{layer} serve running in {directory}")
