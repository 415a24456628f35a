"""The control plane alone: N hosts x a 10-step linear procedure through the whole stack as real
processes (backend, scheduler, node), the node running a no-op executor injected by
``bench/noop_node.py`` (success at once, hosts reported one by one as Ansible does), so only
the orchestrator's own cost is measured.

Run: ``.venv/bin/python bench/bench_control_plane.py [--mode embedded|scaleout|both]
[--hosts 100,300,1000]``. Embedded: SQLite + SqliteHuey; scaleout: PostgreSQL + Redis (the
machine's, on 127.0.0.1). Prints per run: host-steps/s end to end (launch to the backend
seeing the execution finished), time to first dispatch, TaskRequests sent, CPU-seconds per
host-step per layer; and raw Huey's no-op drain rate on the same storage as the baseline.
Targets (2 cores): >= 1,000 host-steps/s embedded, >= 1,500 scaleout at 1,000 hosts; cost per
host-step at 1,000 hosts within 1.3x of that at 100; first dispatch < 1 s at 1,000 hosts.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.*

from bench_probes import batch_sizes, execution_events, huey_rates, tree_cpu_s
from noc_devstack import Stack, StackConfig, start_stack
from tests.e2e.flows import created, procedure
from tests.support.services import free_port, redis_url, scratch_database

HERE = Path(__file__).resolve().parent
ADMIN_PASSWORD = "bench-admin-pw-123"
STEPS = 10
LAYERS = ("backend", "scheduler", "node")


@dataclass
class Figures:
    hosts: int
    seconds: float
    first_dispatch_s: float
    requests: int
    cpu_s: dict[str, float]

    @property
    def host_steps(self) -> int:
        return self.hosts * STEPS

    @property
    def rate(self) -> float:
        return self.host_steps / self.seconds

    def cost_ms(self) -> float:
        return 1000 * sum(self.cpu_s.values()) / self.host_steps


def the_procedure(name: str) -> dict[str, Any]:
    ids = [f"s{i:02d}" for i in range(1, STEPS + 1)]
    nodes = [{"id": i, "type": "task", "task": "ping", "params": {}} for i in ids]
    nodes.append({"id": "ok", "type": "end"})
    edges = [(a, b, "success") for a, b in itertools.pairwise([*ids, "ok"])]
    return procedure(name, nodes, edges, ids[0])


def import_hosts(api: httpx.Client, group: str, count: int) -> None:
    lines = [f"[{group}]"] + [f"{group}-{i:04d} ansible_host=127.0.0.1 ansible_connection=local"
                              for i in range(count)]
    response = api.post("/inventory/import", json={"format": "ini", "content": "\n".join(lines)})
    if response.status_code != 200:
        raise SystemExit(f"inventory import failed: {response.status_code} {response.text[:500]}")


def run_group(api: httpx.Client, pids: dict[str, int], group: str, hosts: int,
              timeout: float) -> Figures:
    """The 10-step procedure on ``group`` (its ``hosts`` hosts already there), launch to the
    execution finished; CPU counted for the process trees of ``pids`` (layer -> pid)."""
    proc = created(api.post("/procedures", json=the_procedure(f"bench-{group}")))
    before = {layer: tree_cpu_s(pid) for layer, pid in pids.items()}
    launched = time.time()
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": group}}))
    events = execution_events(api, run["execution_id"], timeout_s=timeout)  # ends with the run
    cpu = {layer: tree_cpu_s(pid) - before[layer] for layer, pid in pids.items()}
    execution = api.get(f"/executions/{run['execution_id']}").json()
    if execution["status"] != "success":
        raise SystemExit(f"{group} ({hosts} hosts): the execution ended {execution['status']}"
                         f"{why_not_success(execution)}")
    seconds = datetime.fromisoformat(execution["finished_at"]).timestamp() - launched
    first = min(datetime.fromisoformat(e["at"]).timestamp()
                for e in events if e["type"] == "step_started")
    return Figures(hosts, seconds, first - launched, len(batch_sizes(events)), cpu)


def why_not_success(execution: dict[str, Any], shown: int = 5) -> str:
    """The hosts that did not succeed, counted by status, and the last step of the first few
    (status, attempt and message): what a failed benchmark run needs to be explained."""
    failed = [h for h in execution.get("hosts", []) if h["status"] != "success"]
    if not failed:
        return ""
    counts = Counter(h["status"] for h in failed)
    lines = [f"; hosts not successful: {dict(counts)}"]
    for host in failed[:shown]:
        step = host["steps"][-1] if host["steps"] else None
        last = (f"{step['step_id']} {step['status']} (attempt {step['attempt']}): {step['msg']}"
                if step else "no step")
        lines.append(f"  {host['host']}: {host['status']}, last step {last}")
    return "\n".join(lines)


def run_once(api: httpx.Client, pids: dict[str, int], hosts: int, timeout: float) -> Figures:
    group = f"b{hosts}"
    import_hosts(api, group, hosts)
    return run_group(api, pids, group, hosts, timeout)


def login(stack: Stack) -> httpx.Client:
    """A client of the stack's public API v1, logged in as the bootstrap admin (caller closes
    it); a refused login ends the benchmark with the answer."""
    api = httpx.Client(base_url=f"{stack.backend_url}/api/v1", timeout=120)
    token = api.post("/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    if token.status_code != 200:
        api.close()
        raise SystemExit(f"login failed: {token.status_code} {token.text[:500]}")
    api.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return api


def report(mode: str, figures: list[Figures], drain: tuple[float, float]) -> None:
    enqueue, drained = drain
    print(f"[{mode}] raw Huey no-op: enqueue {enqueue:,.0f}/s, drain {drained:,.0f}/s")
    for f in figures:
        per_layer = " ".join(f"{layer} {1000 * f.cpu_s[layer] / f.host_steps:.2f}"
                             for layer in LAYERS)
        print(f"[{mode}] {f.hosts:>5} hosts x {STEPS}: {f.rate:8,.0f} host-steps/s "
              f"({f.seconds:6.1f} s, {f.rate / drained:.2f}x raw drain), first dispatch "
              f"{f.first_dispatch_s:5.2f} s, {f.requests} TaskRequests, CPU ms/host-step: "
              f"{per_layer} (total {f.cost_ms():.2f})", flush=True)
    if len(figures) > 1:
        print(f"[{mode}] cost per host-step at {figures[-1].hosts} vs {figures[0].hosts} hosts: "
              f"{figures[-1].cost_ms() / figures[0].cost_ms():.2f}x (target <= 1.30x)")


def run_mode(mode: str, sizes: list[int], timeout: float) -> None:
    with ExitStack() as resources:
        work = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="noc-cp-")))
        urls: dict[str, Any] = {}
        if mode == "scaleout":
            redis = resources.enter_context(redis_url())
            urls = {"backend_database_url": resources.enter_context(scratch_database("noc_b")),
                    "scheduler_database_url": resources.enter_context(scratch_database("noc_s")),
                    "scheduler_queue_url": redis, "node_queue_url": redis}
        cfg = StackConfig(var_dir=work / "var", backend_port=free_port(),
                          scheduler_port=free_port(), node_port=free_port(),
                          admin_password=ADMIN_PASSWORD, queue_prefix=f"noc-cp-{free_port()}",
                          commands={"node": [sys.executable, str(HERE / "noop_node.py")]},
                          **urls)
        stack = start_stack(cfg)
        resources.callback(stack.stop)
        api = login(stack)
        resources.callback(api.close)
        pids = {layer: stack.processes[layer].pid for layer in LAYERS}
        figures = [run_once(api, pids, n, timeout) for n in sizes]
        drain_url = (urls["scheduler_queue_url"] if mode == "scaleout"
                     else f"sqlite:///{work / 'var' / 'drain-queue.db'}")
        report(mode, figures, huey_rates(drain_url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["embedded", "scaleout", "both"], default="both")
    parser.add_argument("--hosts", default="100,300,1000",
                        help="comma-separated host counts (default 100,300,1000)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    args = parser.parse_args()
    sizes = [int(n) for n in args.hosts.split(",") if n.strip()]
    modes = ["embedded", "scaleout"] if args.mode == "both" else [args.mode]
    for mode in modes:
        run_mode(mode, sizes, args.timeout)


if __name__ == "__main__":
    main()
