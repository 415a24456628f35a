"""Stopping the stack kills what each layer left in its process group, and never the group of a
pid that was reused: a layer that died and was reaped (waiting out its back-off) no longer owns
its pid, so its group is left alone.

The pid reuse is made to happen in a PID namespace of our own (``unshare``), where the next pid
can be chosen (``/proc/sys/kernel/ns_last_pid``); without user namespaces the test skips."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from noc_devstack.stack import exited, finish, stop_processes

ROOT = Path(__file__).resolve().parents[2]

#: a layer's stand-in that starts a child in its own process group, says its pid, and waits
LEADER_WITH_CHILD = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(child.pid, flush=True)
time.sleep(float(sys.argv[1]))
"""

#: run in the namespace: a stack whose layer died and was noticed by the supervisor, then an
#: unrelated session leader given that very pid; stopping the stack must leave it running
REUSED_PID = """
import signal, subprocess, sys, threading, time
from pathlib import Path
from noc_devstack import Stack, StackConfig, free_port, load_or_create_secrets
from noc_devstack.restart_policy import RestartPolicy
from noc_devstack.stack import respawn
from noc_devstack.supervisor import Supervisor

var = Path(sys.argv[1])
(var / "log").mkdir(parents=True)
stack = Stack(StackConfig(var_dir=var, node_port=free_port(), commands={"node": [
    sys.executable, "-c", "raise SystemExit(3)"]}), load_or_create_secrets(var))
dead = respawn(stack, "node")
said = []
supervisor = Supervisor(stack, RestartPolicy(first_delay_s=600, max_delay_s=600), say=said.append, tick_s=0.02)
stopping = threading.Event()
watcher = threading.Thread(target=supervisor.watch, args=(stopping,))
watcher.start()
deadline = time.monotonic() + 20
while not any("restarting in" in line for line in said) and time.monotonic() < deadline:
    time.sleep(0.02)
assert any("restarting in" in line for line in said), said
assert dead.returncode == 3  # reaped by the supervisor; it waits out its back-off
Path("/proc/sys/kernel/ns_last_pid").write_text(str(dead.pid - 1))
victim = subprocess.Popen(["sleep", "60"], start_new_session=True)
assert victim.pid == dead.pid, (victim.pid, dead.pid)
stack.stop(timeout=5)
stopping.set()
watcher.join(10)
time.sleep(0.2)
print("victim alive" if victim.poll() is None else f"victim killed ({victim.returncode})")
victim.kill()
"""


def _namespaces_usable() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--pid", "--fork",
                            "--mount-proc", "sh", "-c", "echo 1 > /proc/sys/kernel/ns_last_pid"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def test_a_reaped_layers_reused_pid_is_not_killed_with_the_stack(tmp_path: Path) -> None:
    if not _namespaces_usable():
        pytest.skip("needs unshare with user and PID namespaces to make a pid be reused")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--pid", "--fork",
                           "--mount-proc", sys.executable, "-c", REUSED_PID,
                           str(tmp_path / "var")],
                          capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "victim alive", done.stdout + done.stderr


def _leader(sleep_s: float) -> tuple[subprocess.Popen[bytes], int]:
    proc = subprocess.Popen([sys.executable, "-c", LEADER_WITH_CHILD, str(sleep_s)],
                            stdout=subprocess.PIPE, start_new_session=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    return proc, child


def _gone(pid: int, timeout: float = 5) -> bool:
    """The process ``pid`` (not our child) has ended: no such process, or a zombie."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.02)
    return False


def test_stopping_kills_what_a_running_layer_left_in_its_group() -> None:
    proc, child = _leader(60)
    stop_processes([proc], timeout=5)
    assert proc.returncode == -signal.SIGTERM
    assert _gone(child)


def test_a_layer_that_died_is_reaped_with_what_it_left_in_its_group() -> None:
    """What the supervisor does when it finds a layer dead: the leftovers die before the
    layer is reaped (after, its group id could be another's), and stopping later is a no-op."""
    proc, child = _leader(0)
    deadline = time.monotonic() + 10
    while not exited(proc) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert exited(proc) and proc.returncode is None  # ended, not reaped yet
    assert not _gone(child, timeout=0.1)
    assert finish(proc) == 0
    assert _gone(child)
    stop_processes([proc], timeout=1)


def test_a_layer_that_ends_as_its_start_times_out_is_stopped_with_what_it_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race where a layer's health wait gives up just as the layer ends: LayerFailed must
    not reap it (its group would then be out of reach), so stopping the stack still kills
    what it left in its group."""
    from noc_devstack import Stack, StackConfig, free_port, load_or_create_secrets
    from noc_devstack import stack as stack_module
    from noc_devstack.stack import LayerFailed, respawn

    (tmp_path / "log").mkdir()
    child_file = tmp_path / "child.pid"
    leader = ("import subprocess, sys, time\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
              f"open({str(child_file)!r}, 'w').write(str(child.pid))\n"
              "time.sleep(0.3)\n")
    stack = Stack(StackConfig(var_dir=tmp_path, node_port=free_port(),
                              commands={"node": [sys.executable, "-c", leader]}),
                  load_or_create_secrets(tmp_path))
    proc = respawn(stack, "node")

    def times_out_as_it_ends(url: str, proc: subprocess.Popen[bytes], *args: object,
                             **kwargs: object) -> None:
        deadline = time.monotonic() + 10
        while not exited(proc) and time.monotonic() < deadline:
            time.sleep(0.02)
        raise RuntimeError(f"{url} not healthy after 60s")

    monkeypatch.setattr(stack_module, "wait_healthy", times_out_as_it_ends)
    with pytest.raises(LayerFailed):
        stack_module._wait_layer(stack, "node")
    child = int(child_file.read_text())
    try:
        stack.stop(timeout=5)
        assert proc.returncode == 0
        assert _gone(child)
    finally:
        if not _gone(child, timeout=0):
            os.kill(child, signal.SIGKILL)
