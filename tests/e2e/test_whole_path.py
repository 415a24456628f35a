"""Issue 2's path: public API -> backend -> scheduler -> node -> sshd hosts -> back, for real."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_devstack import Stack
from tests.e2e.flows import TEST_HOST_VARS, created, hosts_by_name, wait_finished
from tests.support.services import free_port
from tests.support.sshd import SshHost

pytestmark = pytest.mark.e2e


def two_step_procedure(name: str, base: Path) -> dict[str, Any]:
    """mkdir <base>/<host>, then write <base>/<host>/hello.txt: the effect shows per host."""
    return {
        "name": name,
        "description": "make a directory, then write a file in it",
        "graph": {
            "schema_version": 1,
            "nodes": [
                {"id": "mkdir", "type": "task", "task": "file",
                 "params": {"path": f"{base}/{{{{ host.name }}}}", "state": "directory"}},
                {"id": "write", "type": "task", "task": "copy",
                 "params": {"dest": f"{base}/{{{{ host.name }}}}/hello.txt",
                            "content": "hello from {{ host.name }}\n"}},
                {"id": "done", "type": "end", "result": "success"},
            ],
            "edges": [
                {"from": "mkdir", "to": "write", "on": "success"},
                {"from": "write", "to": "done", "on": "success"},
            ],
            "start": "mkdir",
        },
    }


def test_a_procedure_runs_on_a_group_of_real_ssh_hosts(
        stack: Stack, api: httpx.Client, sshd_hosts: list[SshHost], tmp_path: Path) -> None:
    hosts = sshd_hosts[:3]
    key_text = hosts[0].private_key
    created(api.post("/credentials", json={"name": "lab-key", "kind": "ssh_key",
                                           "private_key": key_text}))
    for i, h in enumerate(hosts, start=1):
        created(api.post("/hosts", json={
            "name": f"web{i}", "address": h.address, "port": h.port, "user": h.user,
            "connection": "ssh", "groups": ["web", f"rack{i}"], "credential": "lab-key",
            "vars": TEST_HOST_VARS}))
    # A fourth host whose address refuses connections.
    created(api.post("/hosts", json={
        "name": "web4", "address": "127.0.0.9", "port": free_port("127.0.0.9"),
        "user": getpass.getuser(), "connection": "ssh", "groups": ["web"],
        "credential": "lab-key"}))
    base = tmp_path / "effects"
    base.mkdir()
    proc = created(api.post("/procedures", json=two_step_procedure("deploy-hello", base)))

    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": "web"}}))
    assert run["execution_id"]
    execution = wait_finished(api, run["execution_id"])

    per_host = hosts_by_name(execution)
    assert set(per_host) == {"web1", "web2", "web3", "web4"}
    for name in ("web1", "web2", "web3"):
        host = per_host[name]
        assert host["status"] == "success", [(s["msg"], s["stderr"], s["stdout"]) for s in host["steps"]]
        assert [s["step_id"] for s in host["steps"]] == ["mkdir", "write"]
        assert all(s["status"] == "ok" for s in host["steps"]), host["steps"]
        assert host["steps"][1]["changed"] is True
        assert (base / name / "hello.txt").read_text() == f"hello from {name}\n"
    unreachable = per_host["web4"]
    assert unreachable["status"] == "unreachable", unreachable
    assert [s["status"] for s in unreachable["steps"]] == ["unreachable"]
    assert not (base / "web4").exists()
    assert execution["status"] == "partial"
    assert execution["procedure_version"] == proc["version"]

    listed = api.get("/executions", params={"procedure": proc["id"]}).json()
    assert [e["id"] for e in listed["data"]] == [run["execution_id"]]

    # The key never leaks: not in any API answer, not in any log.
    assert "PRIVATE KEY" not in api.get(f"/executions/{run['execution_id']}").text
    assert "PRIVATE KEY" not in api.get("/credentials").text
    body = key_text.splitlines()[1]
    for log in (stack.config.var_dir / "log").iterdir():
        assert body not in log.read_text(errors="replace"), log.name


def test_a_local_connection_host_runs_without_ssh(
        stack: Stack, api: httpx.Client, tmp_path: Path) -> None:
    created(api.post("/hosts", json={"name": "self", "address": "127.0.0.1",
                                     "connection": "local", "groups": ["local"]}))
    base = tmp_path / "local-effects"
    base.mkdir()
    proc = created(api.post("/procedures", json=two_step_procedure("local-hello", base)))
    run = created(api.post(f"/procedures/{proc['id']}/runs",
                           json={"target": {"hosts": ["self"]}}))
    execution = wait_finished(api, run["execution_id"])
    assert execution["status"] == "success", execution
    assert (base / "self" / "hello.txt").read_text() == "hello from self\n"


def test_every_internal_hop_requires_its_token(stack: Stack) -> None:
    sec = stack.secrets
    no_token = httpx.post(f"{stack.scheduler_url}/internal/v1/schedules", json={})
    assert no_token.status_code == 401
    assert no_token.json()["error"]["code"]
    assert httpx.get(f"{stack.scheduler_url}/internal/v1/nodes").status_code == 401
    assert httpx.post(f"{stack.backend_url}/internal/v1/events",
                      json={"events": []}).status_code == 401
    assert httpx.post(f"{stack.backend_url}/internal/v1/resolve", json={},
                      headers={"Authorization": f"Bearer {sec.backend_to_scheduler}"}
                      ).status_code == 401
    task = {"task_id": "t1", "execution_id": "e1", "step_id": "s", "task_type": "ping",
            "hosts": [{"name": "x", "address": "127.0.0.1", "connection": "local"}]}
    # A node takes work only from its scheduler: no token, or the backend's token, is refused.
    assert httpx.post(f"{stack.node_url}/tasks", json=task).status_code == 401
    for wrong in (sec.backend_to_scheduler, sec.scheduler_to_backend):
        r = httpx.post(f"{stack.node_url}/tasks", json=task,
                       headers={"Authorization": f"Bearer {wrong}"})
        assert r.status_code == 401
    # A result the scheduler never sent to that node does not count.
    r = httpx.post(f"{stack.scheduler_url}/internal/v1/results",
                   json={"task_id": "never-sent", "node": "local",
                         "results": [{"host": "x", "status": "ok"}]},
                   headers={"Authorization": f"Bearer {sec.node_token}"})
    assert r.status_code in (403, 404)
    nodes = httpx.get(f"{stack.scheduler_url}/internal/v1/nodes",
                      headers={"Authorization": f"Bearer {sec.backend_to_scheduler}"})
    assert nodes.status_code == 200
    assert [n["name"] for n in nodes.json()] == ["local"]


def test_ansible_runs_do_not_inherit_the_node_s_secrets(stack: Stack, api: httpx.Client) -> None:
    """The node's token (in its environment at start) never reaches a task's environment."""
    created(api.post("/hosts", json={"name": "self", "address": "127.0.0.1",
                                     "connection": "local", "groups": ["local"]}))
    nodes = [{"id": "env", "type": "task", "task": "command_check", "params": {"cmd": "env"}},
             {"id": "done", "type": "end", "result": "success"}]
    proc = created(api.post("/procedures", json={"name": "env", "graph": {
        "schema_version": 1, "allow_command": True, "nodes": nodes, "start": "env",
        "edges": [{"from": "env", "to": "done", "on": "success"}]}}))
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"hosts": ["self"]}}))
    step = hosts_by_name(wait_finished(api, run["execution_id"]))["self"]["steps"][0]
    assert step["status"] == "ok" and "PATH=" in step["stdout"]
    assert stack.secrets.node_token not in step["stdout"]
    assert "NOC_NODE_" not in step["stdout"]
