"""A scripted execution's events, as the scheduler emits them: hosts take different branches,
retry a step, loop back to a step, fail; interleaved across hosts round by round."""

from __future__ import annotations

from typing import Any

from tests.desktop.monitor.conftest import event

#: the flowchart the script walks: check -> up? -> (ok | fix -> again -> check ... | bad)
GRAPH: dict[str, Any] = {
    "nodes": [
        {"id": "check", "type": "task", "task": "ping", "params": {}, "retries": 1},
        {"id": "up?", "type": "decision", "condition": "host.vars.up == 'yes'"},
        {"id": "fix", "type": "task", "task": "ping", "params": {}},
        {"id": "again", "type": "loop", "max_iterations": 2},
        {"id": "ok", "type": "end", "result": "success"},
        {"id": "bad", "type": "end", "result": "failure"}],
    "edges": [
        {"from": "check", "to": "up?", "on": "success"},
        {"from": "check", "to": "bad", "on": "failure"},
        {"from": "up?", "to": "ok", "on": "true"},
        {"from": "up?", "to": "fix", "on": "false"},
        {"from": "fix", "to": "again", "on": "success"},
        {"from": "fix", "to": "bad", "on": "failure"},
        {"from": "again", "to": "check", "on": "body"},
        {"from": "again", "to": "ok", "on": "done"}],
    "start": "check"}

# per kind: the task steps (step, visit, attempt, status) then the host's end and full path
_PLANS: list[tuple[list[tuple[str, int, int, str]], str, list[str]]] = [
    ([("check", 1, 1, "ok")], "success", ["check", "up?", "ok"]),
    ([("check", 1, 1, "ok"), ("fix", 1, 1, "ok"), ("check", 2, 1, "ok")], "success",
     ["check", "up?", "fix", "again", "check", "up?", "ok"]),
    ([("check", 1, 1, "failed"), ("check", 1, 2, "ok")], "success",
     ["check", "check", "up?", "ok"]),
    ([("check", 1, 1, "ok"), ("fix", 1, 1, "failed")], "failed",
     ["check", "up?", "fix", "bad"]),
]


def host_names(count: int) -> list[str]:
    return [f"h{i:04d}" for i in range(count)]


def scripted_events(execution_id: str, hosts: list[str], procedure_id: int | None = None,
                    *, finish: bool = True, first: int = 1) -> list[dict[str, Any]]:
    """Every event of the run, numbered from ``first``; host ``i`` follows plan ``i % 4``."""
    n = first
    out: list[dict[str, Any]] = []

    def add(type_: str, **fields: Any) -> None:
        nonlocal n
        out.append(event(n, type_, execution_id, **fields))
        n += 1

    add("execution_started", data={"procedure_id": procedure_id, "procedure_version": 1,
                                   "hosts": hosts, "launched_by": "admin",
                                   "target": {"group": "web"}, "check_mode": False,
                                   "vars": {}})
    plans = {h: _PLANS[i % len(_PLANS)] for i, h in enumerate(hosts)}
    rounds = max(len(p[0]) for p in plans.values())
    for r in range(rounds):
        for host, (steps, _, _) in plans.items():
            if r < len(steps):
                step, visit, attempt, _ = steps[r]
                add("step_started", host=host, step_id=step, visit=visit, attempt=attempt,
                    data={"task_id": f"{host}-{r}", "node": "node-1"})
        for host, (steps, _, _) in plans.items():
            if r < len(steps):
                step, visit, attempt, status = steps[r]
                at = event(n, "x")["at"]
                add("step_finished", host=host, step_id=step, visit=visit, attempt=attempt,
                    status=status, result={
                        "host": host, "status": status, "rc": 0 if status == "ok" else 2,
                        "changed": step == "fix", "stdout": f"{step} on {host}\nline 2",
                        "stderr": "" if status == "ok" else "boom", "msg": status,
                        "facts": {"round": r}, "started_at": at, "finished_at": at})
        for host, (steps, end, path) in plans.items():
            if r == len(steps) - 1:
                add("host_finished", host=host, status=end, data={"path": path})
    if finish:
        ends = {p[1] for p in plans.values()}
        add("execution_finished", status="partial" if len(ends) > 1 else ends.pop())
    return out
