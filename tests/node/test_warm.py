"""The warm Ansible worker: runs are forked from it, isolated from each other, and it can fail.

Real processes throughout: a real warm worker importing the real Ansible, real runs on the
local connection and on a real sshd host. The executor contract tests run against it as well
(``test_executor.py`` is parametrized cold/warm); these cover what only a warm worker has.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from noc_contracts import HostResult
from noc_node.ansible.executor import AnsibleRunnerExecutor
from noc_node.warm.payloads import HELPER_NICENESS
from noc_node.warm.worker import WarmUnavailable, WarmWorker
from tests.node.conftest import PY, local_host, payload_files, task
from tests.support.procs import parent, with_args
from tests.support.sshd import start_sshd_hosts

SECRET = "warm-secret-3f9c1e77"


@pytest.fixture
def warm(tmp_path: Path) -> Iterator[WarmWorker]:
    worker = WarmWorker(tmp_path / "warm")
    yield worker
    worker.stop()


def _run(executor: AnsibleRunnerExecutor, *args: object, **kwargs: object) -> dict[str, HostResult]:
    return {r.host: r for r in executor.execute(task(*args, **kwargs), lambda _: None)}  # type: ignore[arg-type]


def _memory_holds(pid: int, needle: bytes) -> bool:
    """Whether ``needle`` is anywhere in the readable memory of ``pid`` (our descendant)."""
    found = False
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if not perms.startswith("r"):
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                found = found or needle in mem.read(end - start)
            except (OSError, OverflowError, ValueError):
                continue
    return found


def test_runs_fork_from_the_worker_and_never_see_each_other(
        warm: WarmWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOC_NODE_TOKEN", SECRET)  # the node's own secret, in its environment
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    with start_sshd_hosts(tmp_path, ["127.0.0.3"]) as hosts:
        h = hosts[0]
        first = _run(executor, "t-first", "command", {"cmd": "echo first-run-arg-81d2"}, [
            {"name": "ssh", "address": h.address, "port": h.port, "user": h.user,
             "vars": {**PY, "marker": "first-run-var-5b0a"},
             "credential": {"name": "k", "kind": "ssh_key", "private_key": h.private_key}}])
    assert first["ssh"].status == "ok", first["ssh"].msg
    zygote = warm.pid
    assert zygote is not None
    # the next run is a child of the same warm worker; it prints its environment and its
    # parent's (the run that ansible-runner watches) command line
    script = "env; echo; tr '\\0' ' ' < /proc/$PPID/cmdline"
    second = _run(executor, "t-second", "command", {"cmd": f"sh -c \"{script}\""},
                  [local_host()])["me"]
    assert second.status == "ok", second.msg
    assert warm.pid == zygote
    assert "first-run" not in second.stdout and "t-first" not in second.stdout
    assert SECRET not in second.stdout
    assert str(tmp_path / "runs" / "t-second") in second.stdout  # its own run dir, its own env
    # nothing of a run ever passes through the worker's memory, so no fork can inherit it
    for needle in ("first-run-arg-81d2", "first-run-var-5b0a", h.private_key.split()[4][:40],
                   SECRET):
        assert not _memory_holds(zygote, needle.encode()), needle
    environ = Path(f"/proc/{zygote}/environ").read_bytes()
    assert SECRET.encode() not in environ and b"NOC_" not in environ


def test_a_worker_crash_fails_the_run_and_the_next_run_gets_a_new_worker(
        warm: WarmWorker, tmp_path: Path) -> None:
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    results: dict[str, HostResult] = {}
    request = task("t-crash", "command", {"cmd": "sleep 4251.5"}, [local_host()], timeout_s=600)
    worker = threading.Thread(target=lambda: results.update(
        {r.host: r for r in executor.execute(request, lambda _: None)}))
    worker.start()
    deadline = time.monotonic() + 60
    while not with_args("4251.5"):
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.05)
    crashed = warm.pid
    assert crashed is not None
    os.kill(crashed, signal.SIGKILL)
    worker.join(60)
    assert not worker.is_alive()
    assert results["me"].status == "failed", results["me"]
    assert with_args("4251.5") == []  # what the run started died with it
    assert not (tmp_path / "runs" / "t-crash").exists()
    again = _run(executor, "t-after", "ping", {}, [local_host()])["me"]
    assert again.status == "ok", again.msg
    assert warm.pid not in (None, crashed)


def test_a_worker_that_cannot_start_leaves_runs_cold_and_says_so_once(
        warm: WarmWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # a broken noc_node ahead on the path: the worker cannot import, ansible itself can
    shadow = tmp_path / "shadow" / "noc_node"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('broken install')\n")
    monkeypatch.setenv("PYTHONPATH", str(shadow.parent))
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    with caplog.at_level(logging.INFO, logger="noc_node"):
        statuses = [_run(executor, f"t-cold-{i}", "ping", {}, [local_host()])["me"].status
                    for i in range(2)]
    assert statuses == ["ok", "ok"]
    assert warm.pid is None
    cold = [r for r in caplog.records if "without the warm worker" in r.getMessage()]
    assert len(cold) == 1 and cold[0].levelno == logging.ERROR


def test_the_run_is_named_by_its_run_dir_for_the_guardian(warm: WarmWorker,
                                                          tmp_path: Path) -> None:
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    seen: list[int] = []

    def look() -> None:
        deadline = time.monotonic() + 60
        while not (pids := with_args("4252.5")) and time.monotonic() < deadline:
            time.sleep(0.05)
        run_dir = str(tmp_path / "runs" / "t-named").encode()
        seen.extend(pid for pid in with_args(run_dir.decode()) if warm.pid is not None
                    and parent(pid) == warm.pid)
        for pid in pids:
            os.kill(pid, signal.SIGKILL)

    looker = threading.Thread(target=look)
    looker.start()
    result = _run(executor, "t-named", "command", {"cmd": "sleep 4252.5"}, [local_host()])
    looker.join()
    assert len(seen) == 1  # the forked run, a child of the worker, names its run dir
    assert result["me"].status == "failed"


#: a sitecustomize for the warm worker: it forks the first run at once but answers for it
#: only after SLOW_ZYGOTE_S
SLOW_ZYGOTE = '''\
import os, socket, time

_send = socket.socket.send


def _late_send(self, data, *args):
    if b'"spawned"' in data:
        try:
            os.unlink(os.environ["SLOW_ZYGOTE_ONCE"])
        except (KeyError, OSError):
            pass
        else:
            time.sleep(float(os.environ["SLOW_ZYGOTE_S"]))
    return _send(self, data, *args)


socket.socket.send = _late_send
'''


def test_a_late_answer_never_runs_a_task_twice(warm: WarmWorker, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # the worker forks the first run at once but answers past the reply timeout: that run
    # goes cold, and neither it nor the next run may also run warm
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_ZYGOTE)
    once = tmp_path / "slow-once"
    once.touch()
    monkeypatch.setenv("SLOW_ZYGOTE_ONCE", str(once))
    monkeypatch.setenv("PYTHONPATH", str(site))
    monkeypatch.setenv("SLOW_ZYGOTE_S", "3")
    monkeypatch.setattr("noc_node.warm.worker.REPLY_TIMEOUT_S", 0.5)
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    for name in ("late", "next"):
        ran = tmp_path / f"ran-{name}"
        result = _run(executor, f"t-{name}", "command", {"cmd": f"sh -c 'echo x >> {ran}'"},
                      [local_host()])["me"]
        assert result.status == "ok", result.msg
        # the run has ended and what it left is killed (confirm_gone): this count is final
        assert ran.read_text().splitlines() == ["x"], name
    assert not once.exists()  # the first answer did come late
    assert warm.pid is not None  # the next run went warm again, in a new worker


def test_module_payloads_are_built_once_per_worker_and_hold_no_run_data(
        warm: WarmWorker, tmp_path: Path) -> None:
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    marker = "payload-arg-7c41e0"
    first = _run(executor, "t-p1", "command", {"cmd": f"echo {marker}"}, [local_host()])["me"]
    assert first.status == "ok", first.msg
    cache = tmp_path / "warm" / "payloads" / "ansiballz_cache"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    assert oct(cache.parent.stat().st_mode & 0o777) == "0o700"
    # the helper forked at ready builds the catalogue's payloads, whatever runs first
    def payloads() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in cache.iterdir()
                if not p.name.endswith((".lock", "-part"))}

    deadline = time.monotonic() + 60  # noc_user comes last in the helper's sorted list
    helpers: set[int] = set()
    niceness: set[int] = set()
    while not any("noc_user" in name for name in payloads()) and time.monotonic() < deadline:
        # the helper names itself: one warm worker per tag, whoever counts them (the dead-node
        # test, an admin's ps)
        for pid in with_args("noc-node-warm-payloads", str(cache)):
            helpers.add(pid)
            with contextlib.suppress(ProcessLookupError):
                niceness.add(os.getpriority(os.PRIO_PROCESS, pid))
        assert with_args("noc-node-warm-ansible", str(tmp_path / "warm")) == [warm.pid]
        time.sleep(0.05)
    assert all(parent(pid) in (warm.pid, 0) for pid in helpers)
    # building ahead yields the CPU to the live runs of the worker it serves (Linux stops at 19)
    assert helpers, "the helper was never seen building (it takes seconds, the first run less)"
    assert warm.pid is not None
    lowered = min(os.getpriority(os.PRIO_PROCESS, warm.pid) + HELPER_NICENESS, 19)
    assert niceness == {lowered}, niceness
    built = payloads()
    assert any(name.startswith("ansible.modules.ping-") for name in built), sorted(built)
    assert any(name.startswith("ansible.modules.command-") for name in built), sorted(built)
    assert all(payload_has_bytecode(cache / name) for name in built), sorted(built)
    for name in ("t-p2", "t-p3"):
        again = _run(executor, name, "ping", {}, [local_host()])["me"]
        assert again.status == "ok", again.msg
    assert payloads() == built  # the later runs used the payloads, none was built again
    # and the runs use that very cache: a payload taken away is built into it again
    ping = next(cache.glob("ansible.modules.ping-*[!k]"))
    ping.unlink()
    assert _run(executor, "t-p4", "ping", {}, [local_host()])["me"].status == "ok"
    assert ping.exists()
    for path in cache.iterdir():
        assert marker.encode() not in path.read_bytes()


def payload_has_bytecode(entry: Path) -> bool:
    """Whether a cached payload (Ansible's pickled cache entry) carries ``.pyc`` files."""
    names = payload_files(entry)
    assert "ansible/module_utils/basic.py" in names
    return "ansible/module_utils/basic.pyc" in names


def test_module_payloads_without_bytecode_when_the_node_says_so(tmp_path: Path) -> None:
    warm = WarmWorker(tmp_path / "warm", module_bytecode=False)
    try:
        executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
        assert _run(executor, "t-b1", "ping", {}, [local_host()])["me"].status == "ok"
        cache = tmp_path / "warm" / "payloads" / "ansiballz_cache"
        deadline = time.monotonic() + 60
        while not list(cache.glob("*noc_user*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(cache.glob("*noc_user*")), "the helper never built the catalogue's payloads"
        built = [p for p in cache.iterdir() if not p.name.endswith((".lock", "-part"))]
        assert any(p.name.startswith("ansible.modules.ping-") for p in built)
        assert not any(payload_has_bytecode(p) for p in built)
    finally:
        warm.stop()


def test_the_warm_up_never_runs_cold_and_a_stopped_worker_starts_no_other(
        warm: WarmWorker, tmp_path: Path) -> None:
    executor = AnsibleRunnerExecutor(tmp_path / "runs", warm=warm)
    executor.warm_up()
    first = warm.pid
    assert first is not None
    warm.stop()
    with pytest.raises(WarmUnavailable):
        executor.warm_up()  # not a cold ansible in its place
    assert warm.pid is None and with_args("noc-node-warm-ansible", str(tmp_path / "warm")) == []
    assert list((tmp_path / "runs").iterdir()) == []


TAKE_TERMINAL = """
import os, pty
from noc_node.warm import child
out = os.dup(1)  # taking the terminal makes it stdout
master, slave = pty.openpty()
if os.environ["CLOSE_MASTER"] == "1":
    os.close(master)
try:
    child._take_terminal(slave)
    os.write(out, b"taken")
except child.NotWanted:
    os.write(out, b"not wanted")
"""


@pytest.mark.parametrize(("close_master", "outcome"), [("0", "taken"), ("1", "not wanted")])
def test_a_run_whose_terminal_the_node_already_closed_ends_quietly(close_master: str,
                                                                   outcome: str) -> None:
    """A node stopping during a run's start closes the run's terminal: the child's
    TIOCSCTTY fails with EIO, which means 'not wanted' (exit quietly), not a traceback in the
    node's log. In a new session, as a run's child is (setsid) before it takes the terminal."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", TAKE_TERMINAL], start_new_session=True,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CLOSE_MASTER": close_master})
    assert (done.stdout.strip(), done.stderr) == (outcome, "")
