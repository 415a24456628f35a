"""Per task type, an Ansible result -> the normalized facts decisions read.

Monitoring tasks succeed when the check could be made and say what they found in
``facts`` (``steps.check.facts.state == 'running'``); they never report ``changed``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from noc_contracts import HostResult, StepStatus

#: monitoring types that only read: they run for real even in a check-mode run
READ_ONLY = frozenset({"ping", "service_status", "port_open", "http_check", "disk_usage",
                       "process_running"})

Normalizer = Callable[[dict[str, Any], HostResult], HostResult]


def _checked(result: HostResult, facts: dict[str, Any], msg: str | None = None) -> HostResult:
    """A successful check: status ok, nothing changed, only the normalized facts."""
    return result.model_copy(update={"status": StepStatus.ok, "changed": False, "facts": facts,
                                     "msg": result.msg if msg is None else msg})


def service_state(services: dict[str, Any], name: str) -> tuple[str, bool | None]:
    """(running | stopped | missing, enabled) of ``name`` in ``service_facts`` output."""
    entry = services.get(name) or services.get(f"{name}.service")
    if not isinstance(entry, dict):
        return "missing", None
    state = "running" if entry.get("state") == "running" else "stopped"
    status = entry.get("status")
    enabled = True if status == "enabled" else False if status == "disabled" else None
    return state, enabled


def _service_status(params: dict[str, Any], result: HostResult) -> HostResult:
    services = result.facts.get("services")
    if result.status is not StepStatus.ok or not isinstance(services, dict):
        return result
    state, enabled = service_state(services, params["name"])
    return _checked(result, {"state": state, "enabled": enabled},
                    f"service {params['name']} is {state}")


def _port_open(params: dict[str, Any], result: HostResult) -> HostResult:
    if result.status is StepStatus.ok:
        return _checked(result, {"open": True, "elapsed_s": result.facts.get("elapsed", 0)},
                        f"port {params['port']} is open")
    if result.status is StepStatus.failed and "elapsed" in result.facts:
        return _checked(result, {"open": False, "elapsed_s": result.facts["elapsed"]},
                        f"port {params['port']} is closed ({result.msg})")
    return result


def _http_check(params: dict[str, Any], result: HostResult) -> HostResult:
    if result.status is not StepStatus.ok:
        return result
    keys = ("status", "body_match", "healthy", "latency_ms")
    return _checked(result, {k: result.facts.get(k) for k in keys})


_DF_LINE = re.compile(r"^(?P<fs>.+?)\s+(?P<size>\d+)\s+(?P<used>\d+)\s+(?P<avail>\d+)\s+"
                      r"(?P<pct>\d+)%\s+(?P<mount>/.*)$")


def parse_df(stdout: str) -> dict[str, Any] | None:
    """The facts of ``df -P -k PATH`` output, or None when it is not that."""
    for line in stdout.splitlines()[1:]:
        match = _DF_LINE.match(line.strip())
        if match:
            return {"percent": int(match["pct"]), "mount": match["mount"],
                    "size_kb": int(match["size"]), "used_kb": int(match["used"]),
                    "available_kb": int(match["avail"])}
    return None


def _disk_usage(params: dict[str, Any], result: HostResult) -> HostResult:
    if result.status is not StepStatus.ok:
        return result
    facts = parse_df(result.stdout)
    if facts is None:
        return result.model_copy(update={"status": StepStatus.failed, "changed": False,
                                         "msg": "could not read df output"})
    return _checked(result, facts, f"{facts['mount']} is {facts['percent']}% full")


def _process_running(params: dict[str, Any], result: HostResult) -> HostResult:
    if result.rc == 0 and result.status in {StepStatus.ok, StepStatus.failed}:
        pids = [int(p) for p in result.stdout.split() if p.isdigit()]
        return _checked(result, {"running": True, "count": len(pids), "pids": pids},
                        f"{len(pids)} process(es) match")
    if result.rc == 1 and result.status is StepStatus.failed:
        return _checked(result, {"running": False, "count": 0, "pids": []},
                        "no process matches")
    return result


def _command_check(params: dict[str, Any], result: HostResult) -> HostResult:
    if result.rc is None or result.status not in {StepStatus.ok, StepStatus.failed}:
        return result
    return _checked(result, {"rc": result.rc, "stdout": result.stdout},
                    f"exit code {result.rc}")


NORMALIZERS: dict[str, Normalizer] = {
    "service_status": _service_status,
    "port_open": _port_open,
    "http_check": _http_check,
    "disk_usage": _disk_usage,
    "process_running": _process_running,
    "command_check": _command_check,
}


def normalize(task_type: str, params: dict[str, Any], result: HostResult) -> HostResult:
    """``result`` with the task type's normalized facts (unchanged for other types)."""
    normalizer = NORMALIZERS.get(task_type)
    return result if normalizer is None else normalizer(params, result)
