"""Every Ansible-run task type against real sshd test hosts, checking its real effect.

One ansible-runner run per step over three hosts (the batched shape the scheduler sends).
The test service is a real process behind an /etc/init.d script (this machine has no
systemd; Ansible's ``service`` module and ``service_facts`` use the SysV ``service`` path).
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from noc_contracts import HostResult
from noc_node.ansible.executor import AnsibleRunnerExecutor
from tests.node.conftest import PY, task
from tests.node.test_executor import run
from tests.support.services import require
from tests.support.sshd import SshHost, start_sshd_hosts

pytestmark = pytest.mark.sshd
INIT_SCRIPT = """#!/bin/sh
### BEGIN INIT INFO
# Provides: {name}
# Default-Start: 2 3 4 5
# Default-Stop: 0 1 6
# Short-Description: noc test service
### END INIT INFO
PIDFILE=/tmp/{name}.pid
case "$1" in
  start) [ -f $PIDFILE ] && kill -0 $(cat $PIDFILE) 2>/dev/null && exit 0
         nohup sleep 3600 >/dev/null 2>&1 & echo $! > $PIDFILE ;;
  stop) [ -f $PIDFILE ] && kill $(cat $PIDFILE) 2>/dev/null; rm -f $PIDFILE ;;
  restart) "$0" stop; "$0" start ;;
  status) [ -f $PIDFILE ] && kill -0 $(cat $PIDFILE) 2>/dev/null && echo "{name} is running" \
            && exit 0; echo "{name} is not running"; exit 3 ;;
  *) exit 2 ;;
esac
exit 0
"""


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[SshHost]]:
    with start_sshd_hosts(tmp_path_factory.mktemp("sshd")) as found:
        yield found


@pytest.fixture
def executor(tmp_path: Path) -> AnsibleRunnerExecutor:
    return AnsibleRunnerExecutor(tmp_path / "runs", forks=3)


@pytest.fixture
def init_service() -> Iterator[str]:
    require(os.geteuid() == 0 and shutil.which("service") is not None,
            "needs root and the SysV 'service' command")
    name = f"noctest{uuid.uuid4().hex[:6]}"
    script = Path("/etc/init.d") / name
    script.write_text(INIT_SCRIPT.format(name=name))
    script.chmod(0o755)
    try:
        yield name
    finally:
        subprocess.run([str(script), "stop"], check=False)
        script.unlink()


def targets(hosts: list[SshHost]) -> list[dict[str, Any]]:
    return [{"name": f"h{i}", "address": h.address, "port": h.port, "user": h.user,
             "vars": dict(PY), "credential": {"name": "k", "kind": "ssh_key",
                                              "private_key": h.private_key}}
            for i, h in enumerate(hosts)]


def step(executor: AnsibleRunnerExecutor, hosts: list[SshHost], task_type: str,
         params: dict[str, Any], **extra: Any) -> dict[str, HostResult]:
    request = task(f"t-{task_type}-{uuid.uuid4().hex[:6]}", task_type, params, targets(hosts),
                   **extra)
    results = run(executor, request).by_host
    assert set(results) == {f"h{i}" for i in range(len(hosts))}
    return results


def one(results: dict[str, HostResult]) -> HostResult:
    """The hosts share this machine: they must all agree; return one."""
    first = results["h0"]
    for other in results.values():
        assert (other.status, other.facts) == (first.status, first.facts), other
    return first


def test_service_actions_and_status(executor: AnsibleRunnerExecutor, hosts: list[SshHost],
                                    init_service: str) -> None:
    h = hosts[:1]
    status = step(executor, h, "service_status", {"name": init_service})
    assert status["h0"].facts == {"state": "stopped", "enabled": status["h0"].facts["enabled"]}
    started = step(executor, h, "service", {"name": init_service, "state": "started"})["h0"]
    assert started.status == "ok" and started.changed is True, started.msg
    assert subprocess.run([f"/etc/init.d/{init_service}", "status"]).returncode == 0
    now = step(executor, h, "service_status", {"name": init_service})["h0"]
    assert now.status == "ok" and now.facts["state"] == "running" and now.changed is False
    again = step(executor, h, "service", {"name": init_service, "state": "started"})["h0"]
    assert again.changed is False
    stopped = step(executor, h, "service", {"name": init_service, "state": "stopped"})["h0"]
    assert stopped.changed is True
    assert subprocess.run([f"/etc/init.d/{init_service}", "status"]).returncode != 0
    missing = step(executor, h, "service_status", {"name": "no-such-service-xyz"})["h0"]
    assert missing.status == "ok" and missing.facts["state"] == "missing"


@pytest.fixture
def web() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            code = 200 if self.path == "/health" else 404
            body = b"all good" if code == 200 else b"nope"
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_monitoring_checks_report_normalized_facts(executor: AnsibleRunnerExecutor,
                                                   hosts: list[SshHost], web: str) -> None:
    port = int(web.rsplit(":", 1)[1])
    assert one(step(executor, hosts, "ping", {})).status == "ok"
    open_ = one(step(executor, hosts, "port_open", {"port": port, "timeout_s": 2}))
    assert open_.status == "ok" and open_.facts["open"] is True
    closed = one(step(executor, hosts, "port_open", {"port": 9, "timeout_s": 1}))
    assert closed.status == "ok" and closed.facts["open"] is False
    good = step(executor, hosts, "http_check", {"url": f"{web}/health",
                                                "body_regex": "good"})["h2"]
    assert good.facts["status"] == 200 and good.facts["healthy"] is True
    assert good.facts["body_match"] is True and 0 < good.facts["latency_ms"] < 5_000
    bad = step(executor, hosts, "http_check", {"url": f"{web}/missing"})["h1"]
    assert bad.status == "ok" and bad.facts["status"] == 404 and bad.facts["healthy"] is False
    disk = step(executor, hosts, "disk_usage", {"path": "/"})["h1"]
    expected = shutil.disk_usage("/")
    assert disk.status == "ok" and disk.changed is False and disk.facts["mount"] == "/"
    assert abs(disk.facts["size_kb"] - expected.total // 1024) < 1024
    assert 0 <= disk.facts["percent"] <= 100
    # sshd processes come and go with SSH sessions, so the hosts (one machine) may list
    # different pids at their different moments: check each host on its own.
    for sshd in step(executor, hosts, "process_running", {"pattern": "sshd"}).values():
        assert sshd.status == "ok" and sshd.facts["running"] is True
        assert sshd.facts["count"] >= 3 and len(sshd.facts["pids"]) == sshd.facts["count"]
    none = one(step(executor, hosts, "process_running", {"pattern": "no-such-proc-xyz"}))
    assert none.status == "ok" and none.facts == {"running": False, "count": 0, "pids": []}
    check = one(step(executor, hosts, "command_check", {"cmd": "sh -c 'echo hi; exit 3'"}))
    assert check.status == "ok" and check.facts == {"rc": 3, "stdout": "hi"}


def test_file_copy_command_and_check_mode(executor: AnsibleRunnerExecutor,
                                          hosts: list[SshHost], tmp_path: Path) -> None:
    target = tmp_path / "made"
    dry = step(executor, hosts[:1], "file", {"path": str(target), "state": "directory"},
               check_mode=True)["h0"]
    assert dry.status == "ok" and dry.changed is True and not target.exists()
    made = step(executor, hosts[:1], "file", {"path": str(target)})["h0"]
    assert made.changed is True and target.is_dir()
    dest = target / "motd"
    wrote = step(executor, hosts[:1], "copy", {"dest": str(dest), "content": "hello\n"})["h0"]
    assert wrote.changed is True and dest.read_text() == "hello\n"
    ran = step(executor, hosts[:1], "command", {"cmd": f"rm {dest}"})["h0"]
    assert ran.status == "ok" and ran.rc == 0 and not dest.exists()


def test_user_create_and_remove(executor: AnsibleRunnerExecutor, hosts: list[SshHost]) -> None:
    require(os.geteuid() == 0, "needs root to manage users")
    name = f"noct{uuid.uuid4().hex[:6]}"
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnoctestkey0000000000000000000000000000 t@x"
    params = {"name": name, "groups": ["adm"], "shell": "/bin/sh", "authorized_key": key}
    try:
        dry = step(executor, hosts[:1], "user", params, check_mode=True)["h0"]
        assert dry.changed is True
        assert subprocess.run(["id", name], capture_output=True).returncode != 0
        made = step(executor, hosts[:1], "user", params)["h0"]
        assert made.status == "ok" and made.changed is True, made.msg
        groups = subprocess.run(["id", "-nG", name], capture_output=True, text=True).stdout
        assert "adm" in groups.split()
        home = Path(made.facts["home"])
        assert (home / ".ssh" / "authorized_keys").read_text().strip() == key
        assert step(executor, hosts[:1], "user", params)["h0"].changed is False
        gone = step(executor, hosts[:1], "user", {"name": name, "state": "absent",
                                                  "remove_home": True})["h0"]
        assert gone.changed is True and not home.exists()
        assert subprocess.run(["id", name], capture_output=True).returncode != 0
    finally:
        subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)


def test_package_and_reboot_in_check_mode_only(executor: AnsibleRunnerExecutor,
                                               hosts: list[SshHost]) -> None:
    """Installing packages or rebooting this machine is not safe: check mode proves the path."""
    absent = step(executor, hosts[:1], "package", {"name": ["noc-no-such-package"],
                                                   "state": "absent"}, check_mode=True)["h0"]
    assert absent.status == "ok" and absent.changed is False, absent.msg
    reboot = step(executor, hosts[:1], "reboot", {}, check_mode=True)["h0"]
    assert reboot.status == "ok" and reboot.changed is True, reboot.msg
    assert getpass.getuser()  # still here: nothing rebooted


def test_package_for_real_where_it_changes_nothing(executor: AnsibleRunnerExecutor,
                                                   hosts: list[SshHost]) -> None:
    """Without check mode: an installed package stays present, a missing one stays absent."""
    present = step(executor, hosts[:1], "package", {"name": ["openssh-server"],
                                                    "state": "present"})["h0"]
    assert present.status == "ok" and present.changed is False, present.msg
    absent = step(executor, hosts[:1], "package", {"name": ["noc-no-such-package"],
                                                   "state": "absent"})["h0"]
    assert absent.status == "ok" and absent.changed is False, absent.msg


def test_batched_results_equal_unbatched(executor: AnsibleRunnerExecutor,
                                         hosts: list[SshHost], tmp_path: Path) -> None:
    """One run over three hosts reports what three single-host runs report."""
    params = {"path": str(tmp_path / "never"), "state": "directory"}

    def shape(r: HostResult) -> tuple[Any, ...]:
        return (r.status, r.changed, r.rc, r.msg, r.facts)

    batched = step(executor, hosts, "file", params, check_mode=True)
    for i, h in enumerate(hosts):
        alone = step(executor, [h], "file", params, check_mode=True)["h0"]
        assert shape(alone) == shape(batched[f"h{i}"])
    assert not (tmp_path / "never").exists()
