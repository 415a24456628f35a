"""``make run`` (``scripts/run_stack.py``) as a person runs it, every layer a real process:
the node's SMTP settings given to it send a real email; the inter-layer token given to it is
ignored, saying why; a SIGKILLed scheduler is started again and a run completes after it; Ctrl-C
leaves nothing running."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from noc_devstack.ports import port_free
from tests.e2e.flows import created, local_host, procedure, run_now, wait_finished
from tests.scripts.make_run import MakeRun, layer_pid, three_free_ports
from tests.support.services import free_port

pytestmark = pytest.mark.e2e
ADMIN_PASSWORD = "make-run-admin-pw"
GIVEN_NODE_TOKEN = "given-node-token-must-not-be-used"
MAIL: list[dict[str, Any]] = [
    {"id": "mail", "type": "task", "task": "email",
     "params": {"to": ["noc@example.test"], "subject": "from make run",
                "body": "{{ host.name }} says hello (execution {{ execution.id }})"}},
    {"id": "done", "type": "end", "result": "success"}]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content.decode())
        return "250 OK"


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    box, port = Inbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def make_run(tmp_path_factory: pytest.TempPathFactory,
             inbox: tuple[Inbox, int]) -> Iterator[MakeRun]:
    workdir = tmp_path_factory.mktemp("make-run")
    run = MakeRun(workdir, three_free_ports(), NOC_BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD,
                  NOC_NODE_SMTP_HOST="127.0.0.1", NOC_NODE_SMTP_PORT=str(inbox[1]),
                  NOC_NODE_SMTP_SECURITY="none", NOC_NODE_SMTP_FROM="make-run@example.test",
                  NOC_NODE_TOKEN=GIVEN_NODE_TOKEN)
    try:
        run.wait_for("Ctrl-C stops everything")
        yield run
    finally:
        run.stop()
        print(f"----- make run's output -----\n{run.output()}")


@pytest.fixture(scope="module")
def api(make_run: MakeRun) -> Iterator[httpx.Client]:
    base = f"http://127.0.0.1:{make_run.base_port}/api/v1"
    r = httpx.post(f"{base}/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert r.status_code == 200, r.text
    with httpx.Client(base_url=base, timeout=30,
                      headers={"Authorization": f"Bearer {r.json()['access_token']}"}) as client:
        local_host(client, "self", "lab")
        created(client.post("/procedures", json=procedure("mail", MAIL, [("mail", "done",
                                                                            "success")], "mail")))
        yield client


def mail_run(api: httpx.Client) -> dict[str, Any]:
    procedure_id = api.get("/procedures").json()["data"][0]["id"]
    return wait_finished(api, run_now(api, procedure_id, group="lab"), timeout=90)


def test_the_given_smtp_settings_reach_the_node_and_a_real_email_goes_out(
        make_run: MakeRun, api: httpx.Client, inbox: tuple[Inbox, int]) -> None:
    box, _ = inbox
    before = len(box.messages)
    execution = mail_run(api)
    assert execution["status"] == "success", execution
    assert len(box.messages) == before + 1
    assert "From: make-run@example.test" in box.messages[-1]
    assert f"self says hello (execution {execution['id']})" in box.messages[-1]
    output = make_run.output()
    assert ("node gets NOC_NODE_SMTP_FROM, NOC_NODE_SMTP_HOST, NOC_NODE_SMTP_PORT, "
            "NOC_NODE_SMTP_SECURITY") in output


def test_a_given_inter_layer_token_is_ignored_saying_why_and_never_shown(
        make_run: MakeRun) -> None:
    output = make_run.output()
    assert "ignored NOC_NODE_TOKEN: an inter-layer token" in output
    assert GIVEN_NODE_TOKEN not in output
    assert GIVEN_NODE_TOKEN not in (make_run.var_dir / "log" / "node.log").read_text()


def test_a_killed_scheduler_is_started_again_and_a_run_completes_after(
        make_run: MakeRun, api: httpx.Client, inbox: tuple[Inbox, int]) -> None:
    killed = layer_pid(make_run.var_dir, "scheduler")
    os.kill(killed, signal.SIGKILL)
    make_run.wait_for("scheduler was killed by SIGKILL; restarting in 1 s; "
                      "log: var/log/scheduler.log", timeout=10)
    make_run.wait_for(f"scheduler is up again at http://127.0.0.1:{make_run.base_port + 1}",
                      timeout=60)
    assert layer_pid(make_run.var_dir, "scheduler") != killed
    assert make_run.proc.poll() is None  # the rest of the stack kept running
    box, _ = inbox
    before = len(box.messages)
    execution = mail_run(api)  # the node, registered before the kill, takes the step
    assert execution["status"] == "success", execution
    assert len(box.messages) == before + 1


def test_ctrl_c_stops_every_process_it_started(make_run: MakeRun) -> None:
    assert len(make_run.processes()) >= 3
    started = time.monotonic()
    assert make_run.stop() == 0
    assert time.monotonic() - started < 45
    left = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:200]
            for pid in make_run.processes()}
    assert left == {}
    assert make_run.output().rstrip().endswith("stopped.")
    for port in range(make_run.base_port, make_run.base_port + 3):
        assert port_free("127.0.0.1", port), port
