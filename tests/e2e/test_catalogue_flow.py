"""Issue 6 through every layer: monitoring facts drive a decision on real sshd hosts, alerts go
out by email (a real SMTP server) and Telegram (a local fake of the Bot API), and a dry run
changes nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.e2e.conftest import StackFactory, api_client
from tests.e2e.flows import (
    TEST_HOST_VARS,
    created,
    hosts_by_name,
    procedure,
    run_now,
    wait_finished,
)
from tests.support.services import free_port
from tests.support.sshd import SshHost

pytestmark = pytest.mark.e2e
BOT_TOKEN = "42:e2e-bot-token"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def telegram() -> Iterator[tuple[list[dict[str, Any]], str]]:
    """A fake Bot API: checks the path carries the bot token and answers like Telegram."""
    sent: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            ok = self.path == f"/bot{BOT_TOKEN}/sendMessage"
            if ok:
                sent.append(body)
            answer = ({"ok": True, "result": {"message_id": len(sent),
                                              "chat": {"id": body.get("chat_id")}}}
                      if ok else {"ok": False, "description": "Unauthorized"})
            data = json.dumps(answer).encode()
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sent, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


NODES = [
    {"id": "disk", "type": "task", "task": "disk_usage", "params": {"path": "/"}},
    {"id": "port", "type": "task", "task": "port_open",
     "params": {"port": "{{ host.vars.probe_port }}", "host": "{{ host.address }}",
                "timeout_s": 2}},
    {"id": "healthy?", "type": "decision",
     "condition": "steps.port.facts.open and steps.disk.facts.percent <= 100"},
    {"id": "mail", "type": "task", "task": "email",
     "params": {"to": ["noc@example.test"], "subject": "{{ host.name }}: port closed",
                "body": "port {{ host.vars.probe_port }} closed on {{ host.name }} "
                        "(execution {{ execution.id }})"}},
    {"id": "chat", "type": "task", "task": "telegram",
     "params": {"text": "{{ host.name }} down, disk at {{ steps.disk.facts.percent }}%"}},
    {"id": "ok", "type": "end", "result": "success"},
    {"id": "bad", "type": "end", "result": "failure"},
]
EDGES = [("disk", "port", "success"), ("port", "healthy?", "success"),
         ("healthy?", "ok", "true"), ("healthy?", "mail", "false"),
         ("mail", "chat", "success"), ("chat", "bad", "success")]


def test_facts_decide_and_alerts_reach_mail_and_telegram(
        stack_factory: StackFactory, sshd_hosts: list[SshHost], smtp: tuple[Inbox, int],
        telegram: tuple[list[dict[str, Any]], str]) -> None:
    inbox, smtp_port = smtp
    sent, api_url = telegram
    stack = stack_factory(NOC_NODE_SMTP_HOST="127.0.0.1", NOC_NODE_SMTP_PORT=str(smtp_port),
                          NOC_NODE_SMTP_SECURITY="none", NOC_NODE_TELEGRAM_API_URL=api_url,
                          NOC_NODE_TELEGRAM_BOT_TOKEN=BOT_TOKEN,
                          NOC_NODE_TELEGRAM_CHAT_ID="-1001")
    good, bad = sshd_hosts[:2]
    with api_client(stack) as api:
        created(api.post("/credentials", json={"name": "k", "kind": "ssh_key",
                                               "private_key": good.private_key}))
        for name, h, port in (("alive", good, good.port), ("dead", bad, free_port())):
            created(api.post("/hosts", json={
                "name": name, "address": h.address, "port": h.port, "user": h.user,
                "groups": ["edge"], "credential": "k",
                "vars": {**TEST_HOST_VARS, "probe_port": port}}))
        proc = created(api.post("/procedures", json=procedure("watch", NODES, EDGES, "disk")))
        execution_id = run_now(api, proc["id"], group="edge")
        detail = wait_finished(api, execution_id, timeout=120)

    hosts = hosts_by_name(detail)
    assert hosts["alive"]["path"] == ["disk", "port", "healthy?", "ok"]
    assert hosts["dead"]["path"] == ["disk", "port", "healthy?", "mail", "chat", "bad"]
    facts = {s["step_id"]: s["facts"] for s in hosts["dead"]["steps"]}
    assert facts["port"]["open"] is False and facts["disk"]["mount"] == "/"
    assert 0 <= facts["disk"]["percent"] <= 100
    assert [rcpt for rcpt, _ in inbox.messages] == [["noc@example.test"]]
    mail = inbox.messages[0][1]
    assert "Subject: dead: port closed" in mail and f"(execution {execution_id})" in mail
    assert [m["chat_id"] for m in sent] == ["-1001"]
    assert sent[0]["text"] == f"dead down, disk at {facts['disk']['percent']}%"
    assert facts["chat"]["message_id"] == 1
    for log in (stack.config.var_dir / "log").iterdir():
        assert BOT_TOKEN not in log.read_text(errors="replace"), log.name


def test_a_dry_run_reports_changes_and_changes_nothing(
        stack_factory: StackFactory, sshd_hosts: list[SshHost], tmp_path: Path) -> None:
    stack = stack_factory()
    target = tmp_path / "dry"
    nodes = [{"id": "mk", "type": "task", "task": "file",
              "params": {"path": str(target), "state": "directory"}},
             {"id": "done", "type": "end", "result": "success"}]
    h = sshd_hosts[0]
    with api_client(stack) as api:
        created(api.post("/credentials", json={"name": "k", "kind": "ssh_key",
                                               "private_key": h.private_key}))
        created(api.post("/hosts", json={"name": "h", "address": h.address, "port": h.port,
                                         "user": h.user, "groups": ["g"], "credential": "k",
                                         "vars": TEST_HOST_VARS}))
        proc = created(api.post("/procedures", json=procedure(
            "dry", nodes, [("mk", "done", "success")], "mk")))
        run = created(api.post(f"/procedures/{proc['id']}/runs",
                               json={"target": {"hosts": ["h"]}, "check_mode": True}))
        detail = wait_finished(api, run["execution_id"])
    step = hosts_by_name(detail)["h"]["steps"][0]
    assert detail["status"] == "success" and step["status"] == "ok"
    assert step["changed"] is True
    assert not target.exists()
