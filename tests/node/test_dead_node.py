"""A dead node leaves nothing behind, and calls a task lost only once nothing of it runs.

Real processes throughout: ``ansible`` started the way ansible-runner starts it dies with the
process that started it (PR_SET_PDEATHSIG); a real ``noc-node serve`` SIGKILLed in the middle
of a long task on a real sshd host leaves no process of the run (forked from its warm Ansible
worker), no warm worker, no SSH master and no run directory (it held the decrypted key);
restarted, it kills what still names an old run, removes the old run dirs, and only then
reports the tasks lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from noc_contracts import REVEAL
from noc_node.ansible.control import choose_base
from noc_node.processes.reap import alive_with
from tests.node.conftest import PY, TOKEN, task
from tests.node.receiver import Receiver
from tests.support.procs import parent, with_args
from tests.support.services import free_port
from tests.support.sshd import start_sshd_hosts

HEARTBEAT = "/internal/v1/nodes/heartbeat"


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan waits for init to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != b"Z"


def _until(what: Callable[[], bool], timeout: float, why: str) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        assert time.monotonic() < deadline, why
        time.sleep(0.05)


SPAWNER = textwrap.dedent("""
    import sys, time
    import ansible_runner.runner as runner
    from noc_node.processes.spawn import spawn_hooks
    with spawn_hooks(lambda pid: print(pid, flush=True)):
        child = runner.pexpect.spawn("sleep", ["4241.5"], ignore_sighup=True, echo=False)
    time.sleep(600)
""")


def test_ansible_dies_with_the_process_that_started_it() -> None:
    proc = subprocess.Popen([sys.executable, "-c", SPAWNER], stdout=subprocess.PIPE,
                            start_new_session=True)
    try:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        assert os.getpgid(pid) == pid  # its own process group (and session)
        assert with_args("sleep", "4241.5") == [pid]
        proc.kill()  # SIGKILL: no cleanup code of the parent runs
        proc.wait()
        _until(lambda: with_args("sleep", "4241.5") == [], 3, "child outlived its parent")
    finally:
        proc.kill()
        proc.wait()
        _kill(with_args("sleep", "4241.5"))


@contextmanager
def node_process(data_dir: Path, scheduler_url: str) -> Iterator[tuple[subprocess.Popen[bytes],
                                                                       httpx.Client]]:
    """``noc-node serve`` as the devstack starts it (its own session)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_")}
    env.update(NOC_NODE_TOKEN=TOKEN, NOC_NODE_DATA_DIR=str(data_dir), NOC_NODE_WORKERS="1",
               NOC_NODE_SCHEDULER_URL=scheduler_url, NOC_NODE_HEARTBEAT_S="0.3",
               NOC_NODE_LOG_LEVEL="warning")
    log = (data_dir.parent / f"node-{port}.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "noc_node.cli", "serve", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        def healthy() -> bool:
            assert proc.poll() is None, "the node exited"
            try:
                return client.get("/healthz").status_code == 200
            except httpx.HTTPError:
                return False
        _until(healthy, 30, "the node did not start")
        yield proc, client
    finally:
        client.close()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def _guardians(data_dir: Path) -> list[int]:
    return [pid for pid in with_args("noc_node.processes.guardian")
            if str(data_dir).encode() in Path(f"/proc/{pid}/cmdline").read_bytes()]


@pytest.mark.sshd
def test_a_sigkilled_node_leaves_no_process_no_connection_and_no_key(
        receiver: Receiver, tmp_path: Path) -> None:
    data_dir = tmp_path / "node"
    run_dir = data_dir / "runs" / "t-long"
    remote = ("sleep", "4243.5")
    with start_sshd_hosts(tmp_path, ["127.0.0.4"]) as hosts, \
            node_process(data_dir, receiver.url) as (node, client):
        h = hosts[0]
        host = {"name": "h", "address": h.address, "port": h.port, "user": h.user,
                "vars": dict(PY), "credential": {"name": "k", "kind": "ssh_key",
                                                 "private_key": h.private_key}}
        request = task("t-long", "command", {"cmd": " ".join(remote)}, [host], timeout_s=600)
        body = request.model_dump(mode="json", by_alias=True, context=REVEAL)
        try:
            assert client.post("/tasks", json=body).status_code == 202
            _until(lambda: bool(with_args(*remote)), 30, "the task never started on the host")
            key = next((run_dir / "keys").iterdir())
            assert key.read_text().strip() == h.private_key.strip()
            ansible = alive_with(run_dir)
            control = choose_base(data_dir)
            masters = alive_with(control)
            guardian = _guardians(data_dir)
            warm = with_args("noc-node-warm-ansible", str(data_dir / "warm"))
            assert ansible and masters and len(guardian) == 1 and len(warm) == 1
            assert any(parent(pid) == warm[0] for pid in ansible)  # the run is a warm fork
            node.kill()  # SIGKILL: nothing of the node's own shutdown runs
            node.wait()
            killed_at = time.monotonic()
            _until(lambda: alive_with(run_dir) == [] and not run_dir.exists(), 5,
                   f"left behind: {alive_with(run_dir)}, run dir exists: {run_dir.exists()}")
            _until(lambda: alive_with(control) == [], 5, "an SSH master outlived the node")
            _until(lambda: _guardians(data_dir) == [], 5, "the guardian did not exit")
            _until(lambda: not any(_running(pid) for pid in ansible + masters + warm), 5,
                   "a process of the run or the warm worker is still running")
            assert time.monotonic() - killed_at < 5
        finally:
            _kill(with_args(*remote) + _guardians(data_dir))
    # restarted, the node reports the task it can no longer finish, once
    receiver.calls.clear()
    with node_process(data_dir, receiver.url):
        beat = receiver.wait_for(HEARTBEAT)[0]
        assert beat.body["lost_task_ids"] == ["t-long"]
        assert beat.body["capacity"] == 1
        assert isinstance(beat.body["load"], float)  # the machine's 1-minute load average


LEFTOVER = "import sys, time; time.sleep(600)"


def test_restart_reports_lost_only_after_killing_what_still_runs(receiver: Receiver,
                                                                 tmp_path: Path) -> None:
    """A node that died without its guardian (the machine's OOM killer took both, say)."""
    data_dir = tmp_path / "node"
    with node_process(data_dir, receiver.url) as (node, client):
        blocker = task("t-orphan", "command", {"cmd": "sleep 4244.5"},
                       [{"name": "me", "address": "localhost", "connection": "local",
                         "vars": dict(PY)}], timeout_s=600)
        body = blocker.model_dump(mode="json", by_alias=True, context=REVEAL)
        assert client.post("/tasks", json=body).status_code == 202
        # once the module runs, the node has told its guardian everything it will
        _until(lambda: bool(with_args("sleep", "4244.5")), 20, "the task never ran")
        _kill(_guardians(data_dir))  # the guardian first, so nothing cleans up after the node
        _until(lambda: _guardians(data_dir) == [], 5, "the guardian is still alive")
        node.kill()
        node.wait()
        time.sleep(0.5)
        assert with_args("sleep", "4244.5")  # the dead node's task still runs
    run_dir = data_dir / "runs" / "t-orphan"
    # what the dead node left: a process still naming its run dir, and the dir with a key
    (run_dir / "keys").mkdir(parents=True, exist_ok=True)
    (run_dir / "keys" / "key0").write_text("PRIVATE KEY")
    leftover = subprocess.Popen([sys.executable, "-c", LEFTOVER, str(run_dir / "inventory")],
                                start_new_session=True)
    receiver.calls.clear()
    try:
        with node_process(data_dir, receiver.url):
            beat = receiver.wait_for(HEARTBEAT)[0]
            # by the time the scheduler hears "lost", nothing of the task runs any more
            assert leftover.poll() == -signal.SIGKILL
            assert with_args("sleep", "4244.5") == []  # the old run's module, too
            assert not run_dir.exists()
            assert beat.body["lost_task_ids"] == ["t-orphan"]
            later = receiver.wait_for(HEARTBEAT, 2)[1]
            assert later.body["lost_task_ids"] == []
    finally:
        leftover.kill()
        leftover.wait()
        _kill(with_args("sleep", "4244.5"))


def test_the_warm_worker_starts_with_the_node_and_takes_the_first_task(
        receiver: Receiver, tmp_path: Path) -> None:
    """The node's warm-up run starts the worker before any task, with the environment tasks
    run with: the first task is forked from that very worker (not a restarted one)."""
    data_dir = tmp_path / "node"
    tag = str(data_dir / "warm")
    with node_process(data_dir, receiver.url) as (_node, client):
        _until(lambda: len(with_args("noc-node-warm-ansible", tag)) == 1, 60,
               "no warm worker started without a task")
        warm = with_args("noc-node-warm-ansible", tag)
        _until(lambda: not (data_dir / "runs" / ".warm-up").exists(), 60,
               "the warm-up run did not end")
        first = task("t-first", "command", {"cmd": "sleep 4246.5"},
                     [{"name": "me", "address": "localhost", "connection": "local",
                       "vars": dict(PY)}], timeout_s=600)
        body = first.model_dump(mode="json", by_alias=True, context=REVEAL)
        try:
            assert client.post("/tasks", json=body).status_code == 202
            _until(lambda: bool(alive_with(data_dir / "runs" / "t-first")), 30,
                   "the task never started")
            ansible = alive_with(data_dir / "runs" / "t-first")
            assert any(parent(pid) == warm[0] for pid in ansible)
            assert with_args("noc-node-warm-ansible", tag) == warm
        finally:
            client.post("/tasks/t-first/cancel")
            _kill(with_args("sleep", "4246.5"))
