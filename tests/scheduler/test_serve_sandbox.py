"""The sandbox in a real ``serve`` process, started both ways the project starts it (the
``noc-scheduler`` script, ``python -m noc_scheduler.cli``): templates render in its worker
processes, a hostile one fails its step within the budget, and stopping the scheduler leaves
no sandbox process behind. Only the settings ``make run`` sets are given: the sandbox needs
none of its own."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.scheduler.conftest import API_TOKEN, BACKEND_TOKEN, NODE_TOKEN
from tests.scheduler.harness import FakeBackend, FakeNode, wait_for
from tests.scheduler.test_cli import VENV_BIN, env
from tests.scheduler.test_hostile_templates import NESTED_RANGE, with_param
from tests.support.server import ServerThread
from tests.support.services import free_port

ENTRY_POINTS = {"script": [str(VENV_BIN / "noc-scheduler")],
                "module": [sys.executable, "-m", "noc_scheduler.cli"]}


def children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == parent and int(entry.name) not in found:
                found.add(int(entry.name))
                todo.append(int(entry.name))
    return found


@pytest.fixture(params=sorted(ENTRY_POINTS))
def served(request: pytest.FixtureRequest,
           tmp_path: Path) -> Iterator[tuple[str, FakeBackend, FakeNode, subprocess.Popen[bytes]]]:
    backend = FakeBackend(BACKEND_TOKEN)
    holder: dict[str, str] = {}
    node = FakeNode("node-1", NODE_TOKEN, lambda: holder["url"])
    command = ENTRY_POINTS[request.param]
    with ServerThread(backend.app) as backend_srv, ServerThread(node.app) as node_srv:
        environ = {**env(tmp_path), "NOC_SCHEDULER_BACKEND_URL": backend_srv.url,
                   "NOC_SCHEDULER_BACKEND_TOKEN": BACKEND_TOKEN, "NOC_SCHEDULER_TICK_S": "0.2"}
        token = tmp_path / "node.token"
        token.write_text(NODE_TOKEN)
        subprocess.run([*command, "nodes", "add", "--name", "node-1", "--url", node_srv.url,
                        "--token-file", str(token)], env=environ, check=True, timeout=60)
        port = free_port()
        log = (tmp_path / "serve.log").open("wb")
        proc = subprocess.Popen([*command, "serve", "--port", str(port)], env=environ,
                                stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        holder["url"] = url
        try:
            def up() -> bool:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    return httpx.get(url + "/healthz", timeout=1).status_code == 200
                except httpx.HTTPError:
                    return False
            wait_for(up, timeout=30, what="serve")
            assert node.heartbeat().status_code == 200
            yield url, backend, node, proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(20)
            log.close()


def launch(url: str) -> str:
    response = httpx.post(url + "/internal/v1/schedules", timeout=15,
                          headers={"Authorization": f"Bearer {API_TOKEN}"},
                          json={"procedure_id": 7, "target": {"group": "web"}})
    assert response.status_code == 201, response.text
    return str(response.json()["execution_id"])


def test_templates_render_in_the_serving_process_sandbox(
        served: tuple[str, FakeBackend, FakeNode, subprocess.Popen[bytes]]) -> None:
    url, backend, node, proc = served
    backend.by_procedure = {7: with_param(7, "hello {{ host.name }}", ["web1"])}
    eid = launch(url)
    wait_for(lambda: backend.of(eid, "execution_finished"), timeout=15, what="the run")
    assert [r["params"]["content"] for r in node.requests] == ["hello web1"]
    sandboxes = children(proc.pid)
    assert sandboxes, "no sandbox process was started"
    backend.by_procedure = {7: with_param(7, NESTED_RANGE, ["web1"])}
    hostile = launch(url)
    wait_for(lambda: backend.of(hostile, "execution_finished"), timeout=15, what="hostile")
    [error] = [e for e in backend.of(hostile, "step_finished") if e["status"] == "error"]
    assert "over budget" in error["result"]["msg"]
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)
    deadline = time.monotonic() + 10
    alive = sandboxes
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if Path(f"/proc/{pid}").exists()
                 and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]}
        time.sleep(0.1)
    assert not alive, f"left behind: {alive}"

