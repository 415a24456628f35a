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
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.*

from bench_control_plane import ADMIN_PASSWORD, Figures, import_hosts, the_procedure
from bench_probes import batch_sizes, execution_events, tree_cpu_s
from noc_devstack import StackConfig, start_stack
from noc_devstack.stack import BIN, Stack, layer_env, wait_healthy
from tests.e2e.flows import created, procedure
from tests.support.services import free_port

HERE = Path(__file__).resolve().parent
NOOP_NODE = [sys.executable, str(HERE / "noop_node.py")]
EXTRA_NODES = 9
FAILOVER_HOSTS = 20


def _api(stack: Stack) -> httpx.Client:
    api = httpx.Client(base_url=f"{stack.backend_url}/api/v1", timeout=120)
    token = api.post("/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    api.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return api


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
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NOC_")},
           **layer_env(cfg, stack.secrets)["scheduler"]}
    subprocess.run([str(BIN / "noc-scheduler"), "nodes", "add", "--name", name, "--url", url,
                    "--token-file", str(token_file), "--capacity", "4",
                    *[f"--label={k}={v}" for k, v in labels.items()]],
                   env=env, cwd=cfg.var_dir, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def _heartbeats(stack: Stack, nodes: dict[str, str]) -> Iterator[None]:
    """Keep registered nodes that run nothing healthy: a heartbeat each every second."""
    stop = threading.Event()

    def beat() -> None:
        with httpx.Client(base_url=stack.scheduler_url, timeout=10) as client:
            while not stop.is_set():
                for name, token in nodes.items():
                    client.post("/internal/v1/nodes/heartbeat",
                                headers={"Authorization": f"Bearer {token}"},
                                json={"name": name, "url": "", "capacity": 4,
                                      "queue_depth": 0, "running": 0})
                stop.wait(1.0)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _node_process(stack: Stack, name: str, hold_s: float) -> subprocess.Popen[bytes]:
    """Another no-op node (its own data dir, queue and token), registered site=main."""
    cfg = stack.config
    port, token = free_port(), secrets.token_urlsafe(32)
    url = cfg.url(port)
    _register(stack, name, url, token, {"site": "main"})
    data = cfg.var_dir / name
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NOC_")},
           **layer_env(cfg, stack.secrets)["node"],
           "NOC_NODE_NAME": name, "NOC_NODE_URL": url, "NOC_NODE_TOKEN": token,
           "NOC_NODE_DATA_DIR": str(data), "NOC_NODE_QUEUE_URL": f"sqlite:///{data}/queue.db",
           "NOC_NODE_QUEUE_NAME": f"{cfg.queue_prefix}-node-{name}",
           "NOC_BENCH_HOLD_S": str(hold_s), "PYTHONUNBUFFERED": "1"}
    data.mkdir(mode=0o700)
    log = cfg.var_dir / "log" / f"{name}.log"
    with log.open("ab") as out:
        proc = subprocess.Popen([*NOOP_NODE, "serve", "--host", cfg.host, "--port", str(port)],
                                env=env, cwd=cfg.var_dir, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    stack.processes[name] = proc
    wait_healthy(url, proc, log)
    return proc


def _run(api: httpx.Client, pid: int, group: str, hosts: int) -> Figures:
    proc = created(api.post("/procedures", json=the_procedure(f"bench-{group}")))
    before = tree_cpu_s(pid)
    launched = time.time()
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": group}}))
    events = execution_events(api, run["execution_id"], timeout_s=900)
    cpu = tree_cpu_s(pid) - before
    execution = api.get(f"/executions/{run['execution_id']}").json()
    if execution["status"] != "success":
        raise SystemExit(f"{group}: the execution ended {execution['status']}")
    seconds = datetime.fromisoformat(execution["finished_at"]).timestamp() - launched
    first = min(datetime.fromisoformat(e["at"]).timestamp()
                for e in events if e["type"] == "step_started")
    return Figures(hosts, seconds, first - launched, len(batch_sizes(events)),
                   {"scheduler": cpu})


def _main_group(api: httpx.Client, group: str, hosts: int) -> None:
    import_hosts(api, group, hosts)
    _ok(api.patch(f"/groups/{group}", json={"node_selector": {"site": "main"}}))


def placement(stack: Stack, api: httpx.Client, hosts: int) -> None:
    pid = stack.processes["scheduler"].pid
    _ok(api.patch("/nodes/local", json={"labels": {"site": "main"}}))
    _main_group(api, "one", hosts)
    alone = _run(api, pid, "one", hosts)
    extra = {f"n{i:02d}": secrets.token_urlsafe(32) for i in range(EXTRA_NODES)}
    for i, (name, token) in enumerate(extra.items()):
        _register(stack, name, "http://127.0.0.1:9", token,
                  {"site": f"s{i % 3}", "zone": f"z{i % 2}", "tier": f"t{i}"})
    with _heartbeats(stack, extra):
        time.sleep(1.5)
        healthy = sum(n["health"] != "down" for n in _ok(api.get("/nodes")))
        _main_group(api, "ten", hosts)
        crowded = _run(api, pid, "ten", hosts)
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
        api = _api(stack)
        resources.callback(api.close)
        placement(stack, api, args.hosts)
        failover(stack, api)


if __name__ == "__main__":
    main()
