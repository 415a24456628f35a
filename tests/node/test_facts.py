"""Per-type normalization of Ansible results into the facts decisions read (pure)."""

from __future__ import annotations

from typing import Any

from noc_contracts import HostResult, StepStatus
from noc_node.ansible.facts import normalize, parse_df, service_state


def result(status: str = "ok", **fields: Any) -> HostResult:
    return HostResult(host="h", status=StepStatus(status), **fields)


def test_service_state_reads_sysv_and_systemd_names() -> None:
    services = {"ssh": {"state": "running", "status": "enabled"},
                "nginx.service": {"state": "stopped", "status": "disabled"},
                "cron": {"state": "unknown"}}
    assert service_state(services, "ssh") == ("running", True)
    assert service_state(services, "nginx") == ("stopped", False)
    assert service_state(services, "cron") == ("stopped", None)
    assert service_state(services, "gone") == ("missing", None)
    out = normalize("service_status", {"name": "ssh"},
                    result(changed=True, facts={"services": services}))
    assert out.facts == {"state": "running", "enabled": True} and out.changed is False


def test_port_closed_is_a_successful_check_but_unreachable_stays() -> None:
    closed = normalize("port_open", {"port": 80}, result("failed", msg="Timeout",
                                                         facts={"elapsed": 1}))
    assert closed.status == "ok" and closed.facts == {"open": False, "elapsed_s": 1}
    down = result("unreachable", msg="ssh: refused")
    assert normalize("port_open", {"port": 80}, down) == down


def test_df_output_parses_and_garbage_fails() -> None:
    out = ("Filesystem     1024-blocks    Used Available Capacity Mounted on\n"
           "/dev/sda1        1000000   250000    750000      25% /srv/data dir\n")
    assert parse_df(out) == {"percent": 25, "mount": "/srv/data dir", "size_kb": 1000000,
                             "used_kb": 250000, "available_kb": 750000}
    bad = normalize("disk_usage", {"path": "/"}, result(stdout="nonsense", changed=True))
    assert bad.status == "failed" and bad.changed is False


def test_process_and_command_checks() -> None:
    found = normalize("process_running", {"pattern": "x"}, result(rc=0, stdout="12\n34\n"))
    assert found.facts == {"running": True, "count": 2, "pids": [12, 34]}
    none = normalize("process_running", {"pattern": "x"}, result("failed", rc=1))
    assert none.status == "ok" and none.facts["running"] is False
    broken = result("failed", rc=2, stderr="pgrep: bad")
    assert normalize("process_running", {"pattern": "x"}, broken) == broken
    check = normalize("command_check", {"cmd": "x"}, result("failed", rc=4, stdout="o",
                                                            changed=True))
    assert (check.status, check.changed, check.facts) == ("ok", False, {"rc": 4, "stdout": "o"})


def test_action_results_pass_through() -> None:
    done = result(changed=True, facts={"dest": "/x"})
    assert normalize("copy", {}, done) == done
