"""The ansible-runner executor against the local connection and real sshd test hosts."""

from __future__ import annotations

import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import HostResult, TaskRequest
from noc_node.ansible.executor import AnsibleRunnerExecutor
from noc_node.warm.worker import WarmWorker
from tests.node.conftest import PY, local_host, task
from tests.support.sshd import refusing_address, start_sshd_hosts


class Collector:
    """Records what the executor reports, and when."""

    def __init__(self) -> None:
        self.batches: list[tuple[float, list[HostResult]]] = []

    def __call__(self, results: list[HostResult]) -> None:
        self.batches.append((time.monotonic(), results))

    @property
    def by_host(self) -> dict[str, HostResult]:
        return {r.host: r for _, batch in self.batches for r in batch}


def run(executor: AnsibleRunnerExecutor, request: TaskRequest,
        cancel: threading.Event | None = None) -> Collector:
    """Execute in a worker thread, as the Huey consumer does."""
    collector = Collector()
    worker = threading.Thread(target=executor.execute, args=(request, collector, cancel))
    worker.start()
    worker.join(120)
    return collector


@pytest.fixture(params=["cold", "warm"])
def executor(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AnsibleRunnerExecutor]:
    """Every contract holds whether ``ansible`` starts cold or is forked from the warm worker."""
    warm = WarmWorker(tmp_path / "warm") if request.param == "warm" else None
    yield AnsibleRunnerExecutor(tmp_path / "runs", forks=5, warm=warm)
    if warm is not None:
        warm.stop()


def test_modules_never_run_under_the_nodes_unbuffered_output(
        executor: AnsibleRunnerExecutor, monkeypatch: pytest.MonkeyPatch) -> None:
    # the node's logs want it (make run sets it); a module piped to Python under it is read one
    # byte per system call
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    found = run(executor, task("t-unbuf", "command", {"cmd": "env"}, [local_host()])).by_host["me"]
    assert found.status == "ok", found.msg
    assert "LANG=" in found.stdout  # the module's environment, as its commands get it
    assert "PYTHONUNBUFFERED" not in found.stdout


def test_local_file_created_and_changed_reported_honestly(executor: AnsibleRunnerExecutor,
                                                         tmp_path: Path) -> None:
    dest = tmp_path / "out" / "motd"
    dest.parent.mkdir()
    params = {"dest": str(dest), "content": "literal {{ 1 + 1 }}\n", "mode": "0640"}
    first = run(executor, task("t-copy-1", "copy", params, [local_host()])).by_host["me"]
    assert first.status == "ok", first.msg
    assert first.changed is True
    assert dest.read_text() == "literal {{ 1 + 1 }}\n"  # never templated by Ansible
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640
    assert first.facts["dest"] == str(dest)
    second = run(executor, task("t-copy-2", "copy", params, [local_host()])).by_host["me"]
    assert second.status == "ok" and second.changed is False
    assert list((tmp_path / "runs").iterdir()) == []  # run dirs removed


def test_command_failure_reports_rc_and_output(executor: AnsibleRunnerExecutor) -> None:
    result = run(executor, task("t-cmd", "command", {"cmd": "ls /definitely/not/here"},
                                [local_host()])).by_host["me"]
    assert result.status == "failed"
    assert result.rc == 2
    assert "not/here" in result.stderr


def _alive_with(marker: str) -> list[str]:
    found = []
    for pid_dir in Path("/proc").iterdir():
        try:
            if pid_dir.name.isdigit() and marker in (pid_dir / "cmdline").read_text():
                found.append(pid_dir.name)
        except OSError:
            continue
    return found


def test_timeout_reports_timeout_and_leaves_no_process(executor: AnsibleRunnerExecutor) -> None:
    started = time.monotonic()
    collector = run(executor, task("t-slow", "command", {"cmd": "sleep 31.5"}, [local_host()],
                                   timeout_s=2))
    time.sleep(0.2)
    assert _alive_with("sleep\x0031.5") == []
    assert time.monotonic() - started < 15
    result = collector.by_host["me"]
    assert result.status == "timeout"
    assert "2s" in result.msg


def test_cancel_kills_the_run(executor: AnsibleRunnerExecutor) -> None:
    cancel = threading.Event()
    threading.Timer(1.5, cancel.set).start()
    started = time.monotonic()
    result = run(executor, task("t-cancel", "command", {"cmd": "sleep 32.5"}, [local_host()]),
                 cancel).by_host["me"]
    time.sleep(0.2)
    assert _alive_with("sleep\x0032.5") == []
    assert time.monotonic() - started < 15
    assert result.status == "cancelled"


def _locked_copy(key_path: Path, passphrase: str) -> str:
    """The same private key, re-encrypted with a passphrase (ssh-keygen -p on a copy)."""
    locked = key_path.with_name("locked_key")
    locked.write_text(key_path.read_text())
    locked.chmod(0o600)
    subprocess.run(["ssh-keygen", "-q", "-p", "-P", "", "-N", passphrase, "-f", str(locked)],
                   check=True)
    return locked.read_text()


def test_sshd_hosts_with_key_and_an_unreachable_host_in_one_run(
        executor: AnsibleRunnerExecutor, tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    with start_sshd_hosts(tmp_path) as hosts:
        plain = {"name": "test-key", "kind": "ssh_key", "private_key": hosts[0].private_key}
        locked = {"name": "locked-key", "kind": "ssh_key", "passphrase": "pass phrase 9",
                  "private_key": _locked_copy(hosts[0].key_path, "pass phrase 9")}
        targets: list[dict[str, Any]] = [
            {"name": f"h{i}", "address": h.address, "port": h.port, "user": h.user,
             "vars": dict(PY), "credential": locked if i == 1 else plain}
            for i, h in enumerate(hosts)]
        bad_address, bad_port = refusing_address()
        targets.append({"name": "down", "address": bad_address, "port": bad_port,
                        "vars": dict(PY), "credential": plain})
        # runs on each target (this machine): mark the file by the sshd address it came in by,
        # and show the key files' modes while the run is on
        script = (f"set -- $SSH_CONNECTION; touch {marks}/$3; "
                  f"stat -c %a {executor.runs_dir}/t-ssh/keys/*")
        request = task("t-ssh", "command", {"cmd": f"sh -c '{script}'"}, targets)
        collector = run(executor, request)
    results = collector.by_host
    assert {h: r.status for h, r in results.items()} == {
        "h0": "ok", "h1": "ok", "h2": "ok", "down": "unreachable"}, results
    assert sorted(p.name for p in marks.iterdir()) == ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    assert results["h0"].stdout.split() == ["600", "600"]  # plain key + decrypted locked key
    assert results["h1"].changed is True and results["h1"].rc == 0
    assert "connect" in results["down"].msg.lower()
    assert len(collector.batches) == 4  # every host reported by its own event
    assert list(executor.runs_dir.iterdir()) == []  # keys removed with the run dir
