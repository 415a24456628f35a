"""Placement and failover, through the whole stack as real processes (embedded: SQLite and
SqliteHuey), nodes running the no-op executor of ``bench/noop_node.py``.

Placement overhead: N hosts x the control-plane benchmark's 10-step procedure, their group
requiring ``site=main``, with the one node labelled so; then again with 9 more registered,
healthy nodes (heartbeats sent by this benchmark) whose labels do not match. Printed: host-steps
per second and scheduler CPU ms per host-step of both, and their ratio.

Failover: a 1-step procedure (``retries: 1``) on 20 hosts goes to a node that holds every task
(``NOC_BENCH_HOLD_S``); that node is SIGKILLed, and the time until its steps have run on the
standby node (the execution finished) is printed, against the target: < 15 s with the default
heartbeat (3 s) and stale time (10 s).

Run: ``.venv/bin/python bench/bench_placement_failover.py [--hosts 300]``
"""

from __future__ import annotations

import argparse
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.*

from bench_control_plane import ADMIN_PASSWORD, import_hosts, login, run_group
from bench_probes import execution_events
from noc_devstack import StackConfig, start_stack
from noc_devstack.stack import (
    Stack,
    _spawn,
    base_env,
    layer_env,
    register_node,
    wait_healthy,
)
from tests.e2e.flows import created, procedure
from tests.support.services import free_port

HERE = Path(__file__).resolve().parent
NOOP_NODE = [sys.executable, str(HERE / "noop_node.py")]
EXTRA_NODES = 9
FAILOVER_HOSTS = 20
RUN_TIMEOUT_S = 900


def _ok(response: httpx.Response) -> Any:
    if response.status_code >= 300:
        raise SystemExit(f"{response.request.method} {response.request.url.path}: "
                         f"{response.status_code} {response.text[:500]}")
    return response.json()


def _register(stack: Stack, name: str, url: str, token: str, labels: dict[str, str]) -> None:
    """``noc-scheduler nodes add`` as an admin runs it, beside the running scheduler."""
    cfg = stack.config
    token_file = cfg.var_dir / f"{name}.token"
    token_file.write_text(token)
    register_node({**base_env(cfg), **layer_env(cfg, stack.secrets)["scheduler"]}, cfg.var_dir,
                  name, url, token_file, 4, labels)


@contextmanager
def _heartbeats(stack: Stack, nodes: dict[str, str]) -> Iterator[None]:
    """Keep registered nodes that run nothing healthy: a heartbeat each every second.

    The first round is sent before the body runs; a heartbeat refused or unanswered ends the
    benchmark with the scheduler's answer (at once in the first round, else when the body is
    done): the crowded run must not silently measure fewer nodes than it names.
    """
    stop = threading.Event()
    refused: list[str] = []

    def beat_all(client: httpx.Client) -> str | None:
        for name, token in nodes.items():
            try:
                response = client.post("/internal/v1/nodes/heartbeat",
                                       headers={"Authorization": f"Bearer {token}"},
                                       json={"name": name, "url": "", "capacity": 4,
                                             "queue_depth": 0, "running": 0})
            except httpx.HTTPError as exc:
                return f"heartbeat of node {name}: no answer ({exc!r})"
            if not response.is_success:
                return (f"heartbeat of node {name} refused: {response.status_code} "
                        f"{response.text[:500]}")
        return None

    def beat(client: httpx.Client) -> None:
        while not stop.wait(1.0):
            failure = beat_all(client)
            if failure is not None:
                refused.append(failure)
                return

    with httpx.Client(base_url=stack.scheduler_url, timeout=10) as client:
        failure = beat_all(client)
        if failure is not None:
            raise SystemExit(failure)
        thread = threading.Thread(target=beat, args=(client,), daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
    if refused:
        raise SystemExit(refused[0])


def _node_process(stack: Stack, name: str, hold_s: float) -> subprocess.Popen[bytes]:
    """Another no-op node (its own data dir, queue and token), registered site=main."""
    port, token = free_port(), secrets.token_urlsafe(32)
    data = stack.config.var_dir / name
    cfg = replace(stack.config, node_port=port, node_name=name,
                  node_queue_url=f"sqlite:///{data}/queue.db")
    url = cfg.url(port)
    _register(stack, name, url, token, {"site": "main"})
    env = {**base_env(cfg), **layer_env(cfg, stack.secrets)["node"], "NOC_NODE_TOKEN": token,
           "NOC_NODE_DATA_DIR": str(data), "NOC_BENCH_HOLD_S": str(hold_s)}
    data.mkdir(mode=0o700)
    log = cfg.var_dir / "log" / f"{name}.log"
    proc = _spawn(cfg, "node", env, log)  # the config's node command: the no-op node
    stack.processes[name] = proc
    wait_healthy(url, proc, log)
    return proc


def _main_group(api: httpx.Client, group: str, hosts: int) -> None:
    import_hosts(api, group, hosts)
    _ok(api.patch(f"/groups/{group}", json={"node_selector": {"site": "main"}}))


def placement(stack: Stack, api: httpx.Client, hosts: int) -> None:
    pid = stack.processes["scheduler"].pid
    _ok(api.patch("/nodes/local", json={"labels": {"site": "main"}}))
    _main_group(api, "one", hosts)
    alone = run_group(api, {"scheduler": pid}, "one", hosts, RUN_TIMEOUT_S)
    extra = {f"n{i:02d}": secrets.token_urlsafe(32) for i in range(EXTRA_NODES)}
    for i, (name, token) in enumerate(extra.items()):
        _register(stack, name, "http://127.0.0.1:9", token,
                  {"site": f"s{i % 3}", "zone": f"z{i % 2}", "tier": f"t{i}"})
    with _heartbeats(stack, extra):
        time.sleep(1.5)
        healthy = sum(n["health"] != "down" for n in _ok(api.get("/nodes")))
        _main_group(api, "ten", hosts)
        crowded = run_group(api, {"scheduler": pid}, "ten", hosts, RUN_TIMEOUT_S)
    for label, f in (("1 node (of 1)", alone), (f"1 matching of {healthy} healthy", crowded)):
        print(f"placement: {hosts} hosts x 10 steps, {label}: {f.rate:8,.0f} host-steps/s, "
              f"first dispatch {f.first_dispatch_s:5.2f} s, scheduler "
              f"{1000 * f.cpu_s['scheduler'] / f.host_steps:.2f} CPU ms/host-step", flush=True)
    print(f"placement overhead (10 nodes vs 1): time {crowded.seconds / alone.seconds:.2f}x, "
          f"scheduler CPU {crowded.cpu_s['scheduler'] / alone.cpu_s['scheduler']:.2f}x",
          flush=True)


def failover(stack: Stack, api: httpx.Client) -> None:
    busy = _node_process(stack, "busy", hold_s=600)
    _node_process(stack, "standby", hold_s=0)
    for name in ("local", "standby"):  # the run goes to the busy node first
        _ok(api.post(f"/nodes/{name}/drain"))
    _main_group(api, "fo", FAILOVER_HOSTS)
    graph = procedure("bench-failover",
                      [{"id": "a", "type": "task", "task": "ping", "params": {}, "retries": 1},
                       {"id": "ok", "type": "end"}], [("a", "ok", "success")], "a")
    proc = created(api.post("/procedures", json=graph))
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": "fo"}}))
    deadline = time.monotonic() + 60
    while not any(n["name"] == "busy" and n["running"] for n in _ok(api.get("/nodes"))):
        if time.monotonic() > deadline:
            raise SystemExit("the busy node never ran the steps")
        time.sleep(0.2)
    _ok(api.post("/nodes/standby/resume"))
    busy.send_signal(signal.SIGKILL)
    busy.wait()
    killed = time.time()
    execution_events(api, run["execution_id"], timeout_s=300)
    execution = api.get(f"/executions/{run['execution_id']}").json()
    took = datetime.fromisoformat(execution["finished_at"]).timestamp() - killed
    print(f"failover: {FAILOVER_HOSTS} hosts' steps on a SIGKILLed node ran on the standby "
          f"{took:5.1f} s after the kill (execution {execution['status']}; target < 15 s)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hosts", type=int, default=300)
    args = parser.parse_args()
    with ExitStack() as resources:
        work = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="noc-pf-")))
        cfg = StackConfig(var_dir=work / "var", backend_port=free_port(),
                          scheduler_port=free_port(), node_port=free_port(),
                          admin_password=ADMIN_PASSWORD, queue_prefix=f"noc-pf-{free_port()}",
                          commands={"node": NOOP_NODE})
        stack = start_stack(cfg)
        resources.callback(stack.stop)
        api = login(stack)
        resources.callback(api.close)
        placement(stack, api, args.hosts)
        failover(stack, api)


if __name__ == "__main__":
    main()
