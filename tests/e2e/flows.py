"""Helpers the end-to-end tests share: create things through the public API and wait for runs."""

from __future__ import annotations

import time
from typing import Any

import httpx

FINAL = {"success", "failed", "partial", "cancelled"}


def created(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_finished(api: httpx.Client, execution_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        r = api.get(f"/executions/{execution_id}")
        if r.status_code == 200:
            body = r.json()
            if body["status"] in FINAL:
                return body
        time.sleep(0.25)
    raise AssertionError(f"execution {execution_id} not finished after {timeout}s: {body}")


def hosts_by_name(execution: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {h["host"]: h for h in execution["hosts"]}


# This machine's login shell puts a pyenv shim (a Python that is not installed) first on the
# PATH of SSH sessions, which Ansible's interpreter discovery would pick; name the real one.
TEST_HOST_VARS = {"ansible_python_interpreter": "/usr/bin/python3"}


def procedure(name: str, nodes: list[dict[str, Any]], edges: list[tuple[str, str, str]],
              start: str) -> dict[str, Any]:
    graph: dict[str, Any] = {
        "schema_version": 1, "nodes": nodes, "start": start,
        "edges": [{"from": a, "to": b, "on": on} for a, b, on in edges]}
    if any(n.get("task") == "command" for n in nodes):
        graph["allow_command"] = True  # the procedure opts in to arbitrary commands
    return {"name": name, "graph": graph}


def run_now(api: httpx.Client, procedure_id: int, **target: Any) -> str:
    run = created(api.post(f"/procedures/{procedure_id}/runs", json={"target": target}))
    execution_id: str = run["execution_id"]
    return execution_id


def local_host(api: httpx.Client, name: str, group: str, **extra_vars: Any) -> None:
    created(api.post("/hosts", json={"name": name, "address": "127.0.0.1", "connection": "local",
                                     "groups": [group], "vars": extra_vars}))


def wait_for(predicate: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def step_status(api: httpx.Client, execution_id: str, host: str, step_id: str) -> str | None:
    detail = api.get(f"/executions/{execution_id}").json()
    for h in detail.get("hosts", []):
        if h["host"] == host:
            statuses = [s["status"] for s in h["steps"] if s["step_id"] == step_id]
            return statuses[-1] if statuses else None
    return None
