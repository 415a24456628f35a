"""The supervisor with real processes standing in for a layer (``StackConfig.commands``): one
that dies is started again after the back-off and is said to be up when it answers; one that
keeps dying is given up on, each time showing only the lines that start logged."""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from noc_devstack import Stack, StackConfig, free_port, load_or_create_secrets
from noc_devstack.restart_policy import RestartPolicy
from noc_devstack.stack import respawn
from noc_devstack.supervisor import Supervisor

#: a stand-in layer: answers /healthz on the port given after ``--port``
HEALTHY = """
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()
    def log_message(self, *a):
        pass
print("stand-in node serving", flush=True)
HTTPServer(("127.0.0.1", int(sys.argv[sys.argv.index("--port") + 1])), H).serve_forever()
"""
CRASHING = "print('boom: this start failed', flush=True); raise SystemExit(3)"
FAST = RestartPolicy(first_delay_s=0.05, max_delay_s=0.1, stable_after_s=60,
                     max_quick_failures=4)
FAST_TWO = RestartPolicy(first_delay_s=0.05, max_delay_s=0.1, max_quick_failures=2)


def stand_in_stack(var_dir: Path, code: str) -> Stack:
    (var_dir / "log").mkdir(parents=True)
    cfg = StackConfig(var_dir=var_dir, node_port=free_port(),
                      commands={"node": [sys.executable, "-c", code]})
    stack = Stack(cfg, load_or_create_secrets(var_dir))
    respawn(stack, "node")
    return stack


@pytest.fixture
def watching() -> Iterator[list[Stack]]:
    """Stops the stand-in stacks a test started, whatever happened."""
    stacks: list[Stack] = []
    yield stacks
    for stack in stacks:
        stack.stop(timeout=5)


def wait_healthy(url: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{url} never answered")


def test_a_killed_layer_is_started_again_and_said_to_be_up(
        tmp_path: Path, watching: list[Stack]) -> None:
    stack = stand_in_stack(tmp_path, HEALTHY)
    watching.append(stack)
    wait_healthy(stack.node_url)
    said: list[str] = []
    stopping = threading.Event()
    supervisor = Supervisor(stack, FAST, say=said.append, tick_s=0.02)
    thread = threading.Thread(target=lambda: said.append(f"status {supervisor.watch(stopping)}"))
    thread.start()
    try:
        first = stack.processes["node"].pid
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 15
        while not any("is up again" in line for line in said) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stopping.set()
        thread.join(10)
    assert said[0].startswith("node was killed by SIGKILL; restarting in 0.05 s; log: ")
    assert said[0].endswith("log/node.log")
    assert f"node is up again at {stack.node_url}" in said
    assert said[-1] == "status 0"  # stopped by the event, not given up
    assert stack.processes["node"].pid != first
    wait_healthy(stack.node_url, timeout=1)


def test_a_layer_that_keeps_dying_is_given_up_on_showing_only_this_starts_lines(
        tmp_path: Path, watching: list[Stack]) -> None:
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "node.log").write_text("OLD RUN: an error from yesterday\n")
    stack = Stack(StackConfig(var_dir=tmp_path, node_port=free_port(),
                              commands={"node": [sys.executable, "-c", CRASHING]}),
                  load_or_create_secrets(tmp_path))
    respawn(stack, "node")
    watching.append(stack)
    said: list[str] = []
    started = time.monotonic()
    status = Supervisor(stack, FAST, say=said.append, tick_s=0.02).watch(threading.Event())
    assert status == 1 and time.monotonic() - started < 10
    exits = [line for line in said if line.startswith("node exited with 3")]
    assert [line.split("; ")[1] for line in exits] == [
        "restarting in 0.05 s", "restarting in 0.1 s", "restarting in 0.1 s",
        "failed 4 times in a row soon after starting: giving up, stopping the stack"]
    tails = [line for line in said if line.startswith("the last lines of this start's log:")]
    assert len(tails) == 4
    assert all("boom: this start failed" in t and "OLD RUN" not in t for t in tails)
    assert all(t.count("boom") == 1 for t in tails)  # earlier starts' lines are not repeated
    assert "OLD RUN" in (tmp_path / "log" / "node.log").read_text()  # kept, just not shown


def test_a_layer_that_never_answers_is_killed_and_counted_as_a_failure(
        tmp_path: Path, watching: list[Stack]) -> None:
    stack = stand_in_stack(tmp_path, HEALTHY)
    watching.append(stack)
    wait_healthy(stack.node_url)
    stack.config.commands["node"] = [sys.executable, "-c", "import time; time.sleep(60)"]
    stack.kill("node")  # comes back as a process that never answers its health check
    said: list[str] = []
    supervisor = Supervisor(stack, FAST_TWO, say=said.append, tick_s=0.02, start_timeout_s=0.5)
    assert supervisor.watch(threading.Event()) == 1
    events = [line for line in said if not line.startswith("the last lines")]
    assert events[0].startswith("node was killed by SIGKILL; restarting in 0.05 s")
    assert events[1].startswith("node: starting again (pid ")
    assert events[2].startswith(f"node did not answer {stack.node_url}/healthz within 0.5 s")
    assert events[3].startswith("node was killed by SIGKILL; failed 2 times in a row soon after")
    assert stack.processes["node"].poll() is not None


def test_a_layer_that_dies_on_a_taken_port_at_restart_is_said_to_be_blocked(
        tmp_path: Path, watching: list[Stack]) -> None:
    stack = stand_in_stack(tmp_path, HEALTHY)
    watching.append(stack)
    wait_healthy(stack.node_url)
    stack.kill("node")
    with socket.socket() as other:  # another program takes the port while the node is down
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind(("127.0.0.1", stack.config.node_port))
        other.listen()
        said: list[str] = []
        assert Supervisor(stack, FAST_TWO, say=said.append, tick_s=0.02).watch(
            threading.Event()) == 1
    assert said[-2].startswith("node exited with 1; failed 2 times in a row")
    assert said[-1].startswith(f"port {stack.config.node_port} (node) is in use by another "
                               "program; stop it or choose other ports with NOC_RUN_BASE_PORT=")
