"""Issue 9's attacks, tried again as an operator would on a running stack: each one ends in a
clear 4xx or a failed step, and nothing runs on the node."""

from __future__ import annotations

import concurrent.futures
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from noc_devstack import Stack
from tests.e2e.flows import (
    TEST_HOST_VARS,
    created,
    hosts_by_name,
    procedure,
    run_now,
    wait_finished,
)
from tests.support.sshd import SshHost

pytestmark = pytest.mark.e2e

OPERATOR_PASSWORD = "operator-pw-e2e-123"


@pytest.fixture
def operator(stack: Stack, api: httpx.Client) -> Iterator[httpx.Client]:
    """A client logged in as a new operator (created by the admin through the users API)."""
    created(api.post("/users", json={"username": "oper", "password": OPERATOR_PASSWORD,
                                     "role": "operator"}))
    base = f"{stack.backend_url}/api/v1"
    r = httpx.post(f"{base}/auth/login", json={"username": "oper",
                                               "password": OPERATOR_PASSWORD})
    assert r.status_code == 200, r.text
    client = httpx.Client(base_url=base, timeout=60,
                          headers={"Authorization": f"Bearer {r.json()['access_token']}"})
    try:
        yield client
    finally:
        client.close()


def lookup(marker: Path) -> str:
    return "{{ lookup('pipe', 'touch " + str(marker) + "') }}"


def ping_procedure(api: httpx.Client, name: str) -> int:
    proc = created(api.post("/procedures", json=procedure(
        name, [{"id": "ping", "type": "task", "task": "ping"}, {"id": "ok", "type": "end"}],
        [("ping", "ok", "success")], "ping")))
    return int(proc["id"])


def problem_fields(response: httpx.Response) -> list[str]:
    return [d.get("field") or "" for d in response.json()["error"]["details"]]


def test_inventory_text_never_runs_on_the_node(
        stack: Stack, api: httpx.Client, operator: httpx.Client, tmp_path: Path,
        sshd_hosts: list[SshHost]) -> None:
    markers = {k: tmp_path / f"marker-{k}" for k in ("var", "group", "import", "probe")}
    ssh = sshd_hosts[0]
    created(api.post("/credentials", json={"name": "k", "kind": "ssh_key",
                                           "private_key": ssh.private_key}))
    host = created(operator.post("/hosts", json={
        "name": "h1", "address": ssh.address, "port": ssh.port, "user": ssh.user,
        "credential": "k", "groups": ["lab"], "vars": {"motd": lookup(markers["var"])}}))
    # the interpreter is a privileged var: the admin sets it, as an inventory would
    r = api.patch(f"/hosts/{host['id']}", json={"vars": {**host["vars"], **TEST_HOST_VARS}})
    assert r.status_code == 200, r.text
    created(operator.post("/groups", json={"name": "lab-vars",
                                           "vars": {"banner": lookup(markers["group"])}}))
    r = operator.post("/groups/lab-vars/hosts", json={"add": ["h1"]})
    assert r.status_code == 200, r.text
    ini = f"[imported]\nh2 ansible_host={ssh.address} greeting=\"{lookup(markers['import'])}\"\n"
    r = operator.post("/inventory/import", json={"format": "ini", "content": ini})
    assert r.status_code == 200, r.text
    # templates where Ansible reads connection settings are refused outright
    for field, value in (("address", "{{ lookup('pipe', 'id') }}"),
                         ("user", "{{ lookup('pipe', 'id') }}"), ("user", "-oProxyCommand=id")):
        r = operator.post("/hosts", json={"name": f"x-{uuid.uuid4().hex[:6]}",
                                          "address": "127.0.0.2", field: value})
        assert r.status_code == 422 and field in problem_fields(r), r.text
    r = operator.patch(f"/hosts/{host['id']}",
                       json={"vars": {"ansible_host": "{{ lookup('pipe', 'id') }}"}})
    assert r.status_code == 422 and "vars.ansible_host" in r.text, r.text  # not an address
    for var, value in (("ansible_ssh_common_args", "-o ProxyCommand=id"),
                       ("ansible_ssh_extra_args", "-o ProxyCommand=id"),
                       ("ansible_ssh_executable", "/bin/sh"),
                       ("ansible_python_interpreter", "/tmp/evil"),
                       ("ansible_connection", "local")):
        r = operator.patch(f"/hosts/{host['id']}", json={"vars": {var: value}})
        assert r.status_code == 403, (var, r.text)  # an admin's setting, named
        assert f"vars.{var}" in problem_fields(r), (var, r.text)
    r = operator.post("/inventory/import", json={
        "format": "ini", "content": "[bad]\nh3 ansible_ssh_common_args='-o ProxyCommand=id'\n"})
    assert r.status_code in (403, 422) and "ansible_ssh_common_args" in r.text, r.text
    r = operator.post("/hosts", json={"name": "local-one", "address": "127.0.0.1",
                                      "connection": "local"})
    assert r.status_code in (403, 422), r.text

    execution = wait_finished(operator, run_now(operator, ping_procedure(operator, "p"),
                                                group="lab"))
    assert hosts_by_name(execution)["h1"]["status"] == "success", execution
    r = operator.post("/groups/lab-vars/test", json={"timeout_s": 60})
    assert r.status_code == 200, r.text
    time.sleep(1)
    assert not [m for m in markers.values() if m.exists()], "inventory text ran on the node"


def test_a_host_entry_never_borrows_another_entrys_connection(
        api: httpx.Client, operator: httpx.Client, sshd_hosts: list[SshHost],
        tmp_path: Path) -> None:
    ssh = sshd_hosts[1]
    created(api.post("/credentials", json={"name": "right", "kind": "ssh_key",
                                           "private_key": ssh.private_key}))
    wrong = sshd_hosts[0].key_path.with_name("wrong_key")
    import subprocess

    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(wrong)],
                   check=True)
    created(api.post("/credentials", json={"name": "wrong", "kind": "ssh_key",
                                           "private_key": wrong.read_text()}))
    for name, credential in (("good", "right"), ("bad-key", "wrong"), ("no-key", None)):
        body: dict[str, Any] = {"name": name, "address": ssh.address, "port": ssh.port,
                                "user": ssh.user, "groups": [name]}
        if credential:
            body["credential"] = credential
        created(operator.post("/hosts", json=body))
        hid = operator.get("/hosts", params={"name": name}).json()["data"][0]["id"]
        assert api.patch(f"/hosts/{hid}", json={"vars": TEST_HOST_VARS}).status_code == 200
    pid = ping_procedure(operator, "borrow")
    first = wait_finished(operator, run_now(operator, pid, group="good"))
    assert hosts_by_name(first)["good"]["status"] == "success", first
    for name in ("bad-key", "no-key"):
        execution = wait_finished(operator, run_now(operator, pid, group=name))
        assert hosts_by_name(execution)[name]["status"] == "unreachable", execution


def test_a_runaway_template_fails_its_step_and_slows_nobody(
        api: httpx.Client, operator: httpx.Client) -> None:
    for name in ("slow-target", "fast-target"):
        created(api.post("/hosts", json={"name": name, "address": "127.0.0.1",
                                         "connection": "local", "groups": [name],
                                         "vars": TEST_HOST_VARS}))
    bomb = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
            "/tmp/never")
    hostile = created(operator.post("/procedures", json=procedure(
        "bomb", [{"id": "write", "type": "task", "task": "file", "params": {"path": bomb}},
                 {"id": "ok", "type": "end"}], [("write", "ok", "success")], "write")))
    fast = ping_procedure(operator, "fast")
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        bad = pool.submit(run_now, operator, hostile["id"], group="slow-target")
        goods = [pool.submit(run_now, operator, fast, group="fast-target") for _ in range(3)]
        good_ids = [g.result() for g in goods]
        bad_id = bad.result()
    for execution_id in good_ids:
        execution = wait_finished(operator, execution_id, timeout=60)
        assert execution["status"] == "success", execution
    failed = wait_finished(operator, bad_id, timeout=60)
    step = hosts_by_name(failed)["slow-target"]["steps"][0]
    assert step["status"] == "error" and "write" in step["msg"] + step_id(step), step
    assert "budget" in step["msg"] or "longer" in step["msg"], step
    assert time.monotonic() - started < 45


def step_id(step: dict[str, Any]) -> str:
    return str(step.get("step_id", ""))


def test_templated_params_are_checked_on_save_and_a_bad_render_fails_fast(
        api: httpx.Client, operator: httpx.Client) -> None:
    created(api.post("/hosts", json={"name": "me", "address": "127.0.0.1",
                                     "connection": "local", "groups": ["me"],
                                     "vars": TEST_HOST_VARS}))
    r = operator.post("/procedures", json=procedure(
        "unknown-key", [{"id": "p", "type": "task", "task": "port_open",
                         "params": {"port": 22, "evil": "{{ host.name }}"}},
                        {"id": "ok", "type": "end"}], [("p", "ok", "success")], "p"))
    assert r.status_code == 422 and "params.evil" in problem_fields(r), r.text
    bad_port = created(operator.post("/procedures", json=procedure(
        "bad-port", [{"id": "p", "type": "task", "task": "port_open",
                      "params": {"port": "{{ 70000 }}"}},
                     {"id": "ok", "type": "end"}], [("p", "ok", "success")], "p")))
    started = time.monotonic()
    execution = wait_finished(operator, run_now(operator, bad_port["id"], group="me"),
                              timeout=60)
    assert time.monotonic() - started < 20
    step = hosts_by_name(execution)["me"]["steps"][0]
    assert step["status"] == "error" and "port" in step["msg"], step


def test_roles_logins_and_bodies_have_limits(
        stack: Stack, api: httpx.Client, operator: httpx.Client) -> None:
    base = f"{stack.backend_url}/api/v1"
    for method, path, body in (("GET", "/users", None), ("GET", "/audit", None),
                               ("POST", "/users", {"username": "x", "password": "y" * 12,
                                                   "role": "admin"}),
                               ("POST", "/credentials", {"name": "c", "kind": "password",
                                                         "password": "p"})):
        r = operator.request(method, path, json=body)
        assert r.status_code == 403, (path, r.text)
    big = b'{"name": "' + b"x" * (8 * 1024 * 1024) + b'"}'
    r = httpx.post(f"{base}/hosts", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413, r.text
    codes = [httpx.post(f"{base}/auth/login", json={"username": "oper",
                                                     "password": f"wrong-{i}"}).status_code
             for i in range(12)]
    assert codes[0] == 401 and codes[-1] == 429, codes
    audit = api.get("/audit", params={"actor": "oper"}).json()
    actions = {e["action"] for e in audit["data"]}
    assert {"login.failed"} <= actions or any("login" in a for a in actions), actions


def test_a_node_token_cannot_raise_its_capacity(stack: Stack, api: httpx.Client) -> None:
    """Holding a node's token is not enough to take more work than the admin gave it."""
    before = {n["name"]: n for n in api.get("/nodes").json()}[stack.config.node_name]
    token = stack.secrets.node_token
    r = httpx.post(f"{stack.scheduler_url}/internal/v1/nodes/heartbeat",
                   headers={"Authorization": f"Bearer {token}"},
                   json={"name": stack.config.node_name, "url": stack.node_url,
                         "capacity": 10_000, "queue_depth": 0, "running": 0})
    assert r.status_code == 200, r.text
    after = {n["name"]: n for n in api.get("/nodes").json()}[stack.config.node_name]
    assert after["capacity"] == before["capacity"] < 10_000, (before, after)
    r = httpx.get(f"{stack.node_url}/status")
    assert r.status_code == 401, r.text  # the node's status needs its token too
