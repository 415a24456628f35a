"""A 5-step procedure on 20 hosts through the real stack against plain ``ansible-playbook``
doing the same 5 tasks on the same hosts with ``strategy: free`` in one run.

Run: ``.venv/bin/python bench/bench_procedure_vs_playbook.py [--hosts 20] [--mode local|ssh|both]``
(ssh starts one sshd per host on 127.0.0.10..; needs /usr/sbin/sshd). Prints both wall
times, the ratio (target: the procedure no slower than ansible-playbook, <= 1.0x) and the
CPU-seconds per host-task of each: for the procedure, every process of the stack and all their
descendants (backend, scheduler, node, its warm Ansible worker and every run); for the
playbook, ``ansible-playbook`` and its descendants. Neither counts the target side's sshd nor
the detached SSH connection masters.

The node is measured as it serves a NOC: started, and idle once its start-up work is done (its
warm Ansible worker up, the catalogue's module payloads built), which happens once per node
start and is printed apart (``node start-up``); ``ansible-playbook`` as it always runs, from a
cold start that it pays on every run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for tests.*

from bench_probes import batch_sizes, execution_events, settled, tree_cpu_s
from noc_devstack import StackConfig, start_stack
from noc_node.processes.spawn import scrubbed
from tests.e2e.flows import TEST_HOST_VARS, created, procedure
from tests.support.services import free_port
from tests.support.sshd import SshHost, start_sshd_hosts

ADMIN_PASSWORD = "bench-admin-pw-123"


def steps(base: str) -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(id, task type, procedure params, playbook module args) of the five steps."""
    return [
        ("ping", "ping", {}, {"ansible.builtin.ping": {}}),
        ("dir", "file", {"path": base, "state": "directory"},
         {"ansible.builtin.file": {"path": base, "state": "directory"}}),
        ("motd", "copy", {"dest": f"{base}/motd", "content": "hello\n"},
         {"ansible.builtin.copy": {"dest": f"{base}/motd", "content": "hello\n"}}),
        ("disk", "disk_usage", {"path": "/"},
         {"ansible.builtin.command": {"argv": ["df", "-P", "-k", "/"]}}),
        ("sshd", "process_running", {"pattern": "sshd"},
         {"ansible.builtin.command": {"argv": ["pgrep", "-x", "--", "sshd"]},
          "failed_when": False}),
    ]


def the_procedure(base: str) -> dict[str, Any]:
    chain = steps(base)
    nodes = [{"id": sid, "type": "task", "task": kind, "params": params}
             for sid, kind, params, _ in chain] + [{"id": "ok", "type": "end"}]
    ids = [sid for sid, *_ in chain] + ["ok"]
    edges = [(a, b, "success") for a, b in itertools.pairwise(ids)]
    return procedure("bench", nodes, edges, ids[0])


def playbook(base: str) -> list[dict[str, Any]]:
    tasks = [{"name": sid, **module} for sid, _, _, module in steps(base)]
    return [{"hosts": "all", "gather_facts": False, "strategy": "free", "tasks": tasks}]


def host_entries(mode: str, count: int, sshd: list[SshHost]) -> list[dict[str, Any]]:
    if mode == "local":
        return [{"name": f"b{i:02d}", "address": "127.0.0.1", "connection": "local",
                 "vars": dict(TEST_HOST_VARS)} for i in range(count)]
    return [{"name": f"b{i:02d}", "address": h.address, "port": h.port, "user": h.user,
             "connection": "ssh", "vars": dict(TEST_HOST_VARS)} for i, h in enumerate(sshd)]


STEPS = 5


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_playbook(work: Path, hosts: list[dict[str, Any]], key: Path | None,
                 base: str) -> tuple[float, float]:
    inventory: dict[str, Any] = {}
    for h in hosts:
        hv: dict[str, Any] = {**h["vars"], "ansible_connection": h["connection"]}
        if h["connection"] == "ssh":
            hv.update(ansible_host=h["address"], ansible_port=h["port"], ansible_user=h["user"],
                      ansible_ssh_private_key_file=str(key))
        inventory[h["name"]] = hv
    (work / "inventory.json").write_text(json.dumps({"all": {"hosts": inventory}}))
    (work / "play.json").write_text(json.dumps(playbook(base)))
    # this shell's environment as the node hands it to its own Ansible: without PYTHONUNBUFFERED
    # (these machines export it), under which local modules read their piped code one byte per
    # system call
    env = {**scrubbed(os.environ), "ANSIBLE_PIPELINING": "True",
           "ANSIBLE_HOST_KEY_CHECKING": "False",
           "ANSIBLE_SSH_ARGS": "-o ControlMaster=auto -o ControlPersist=60s "
                               "-o UserKnownHostsFile=/dev/null",
           "ANSIBLE_LOCAL_TEMP": str(work / "tmp"), "ANSIBLE_NOCOWS": "1"}
    exe = str(Path(sys.executable).parent / "ansible-playbook")
    started, cpu = time.monotonic(), children_cpu()
    done = subprocess.run([exe, "-i", str(work / "inventory.json"), "-f", str(len(hosts)),
                           str(work / "play.json")], env=env, capture_output=True, text=True)
    elapsed, cpu = time.monotonic() - started, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"ansible-playbook failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return elapsed, cpu


def run_procedure(api: httpx.Client, hosts: list[dict[str, Any]], key_text: str | None,
                  base: str, group: str,
                  layers: dict[str, int]) -> tuple[float, dict[str, float], list[int]]:
    """Wall seconds, CPU-seconds per layer and the hosts of each Ansible run (task request)."""
    if key_text is not None and api.get("/credentials").text.find("bench-key") < 0:
        created(api.post("/credentials", json={"name": "bench-key", "kind": "ssh_key",
                                               "private_key": key_text}))
    for h in hosts:
        body = {**h, "name": f"{group}-{h['name']}", "groups": [group]}
        if key_text is not None:
            body["credential"] = "bench-key"
        created(api.post("/hosts", json=body))
    proc = created(api.post("/procedures", json={**the_procedure(base), "name": group}))
    started, before = time.monotonic(), {name: tree_cpu_s(pid) for name, pid in layers.items()}
    run = created(api.post(f"/procedures/{proc['id']}/runs", json={"target": {"group": group}}))
    # followed on its live event stream (as the desktop's monitor does), which ends with the
    # execution: polling the execution would add the backend's reads to what is measured
    events = execution_events(api, run["execution_id"], timeout_s=600)
    elapsed = time.monotonic() - started
    cpu = {name: tree_cpu_s(pid) - before[name] for name, pid in layers.items()}
    result = api.get(f"/executions/{run['execution_id']}").json()
    if result["status"] != "success":
        raise SystemExit(f"the procedure ended {result['status']}: {json.dumps(result)[:3000]}")
    return elapsed, cpu, batch_sizes(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--mode", choices=["local", "ssh", "both"], default="both")
    args = parser.parse_args()
    with ExitStack() as resources:
        work = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="noc-bench-")))
        cfg = StackConfig(var_dir=work / "var", backend_port=free_port(),
                          scheduler_port=free_port(), node_port=free_port(),
                          admin_password=ADMIN_PASSWORD, queue_prefix="noc-bench")
        stack = start_stack(cfg)
        resources.callback(stack.stop)
        api = httpx.Client(base_url=f"{stack.backend_url}/api/v1", timeout=60)
        resources.callback(api.close)
        # the node's own start-up work (once per node start) is over before anything is timed
        startup, quiet = settled(stack.processes["node"].pid, "noc-node-warm-ansible")
        print(f"node start-up (its imports, warm worker and payloads; once per start): "
              f"{startup:.1f} CPU-s, "
              f"{'not counted below' if quiet else 'NOT SETTLED: part of it counted below'}",
              flush=True)
        token = api.post("/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
        api.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        modes = ["local", "ssh"] if args.mode == "both" else [args.mode]
        for mode in modes:
            sshd: list[SshHost] = []
            if mode == "ssh":
                addresses = [f"127.0.0.{10 + i}" for i in range(args.hosts)]
                sshd = resources.enter_context(start_sshd_hosts(work / "sshd", addresses))
            hosts = host_entries(mode, args.hosts, sshd)
            key = sshd[0].key_path if sshd else None
            base_proc, base_play = str(work / f"{mode}-proc"), str(work / f"{mode}-play")
            layers = {name: p.pid for name, p in stack.processes.items()}
            key_text = sshd[0].private_key if sshd else None
            proc_s, proc_cpu, runs = run_procedure(api, hosts, key_text, base_proc,
                                                   f"bench-{mode}", layers)
            play_s, play_cpu = run_playbook(work, hosts, key, base_play)
            for base in (base_proc, base_play):
                shutil.rmtree(base, ignore_errors=True)
            tasks = args.hosts * STEPS
            per_layer = ", ".join(f"{name} {cpu / tasks:.3f}" for name, cpu in proc_cpu.items())
            print(f"{mode:>5}: {args.hosts} hosts x {STEPS} steps: procedure {proc_s:6.2f} s "
                  f"({sum(proc_cpu.values()) / tasks:.3f} CPU-s/host-task: {per_layer}), "
                  f"ansible-playbook (free) "
                  f"{play_s:6.2f} s ({play_cpu / tasks:.3f} CPU-s/host-task), "
                  f"ratio {proc_s / play_s:.2f}x (target <= 1.00x); {len(runs)} ansible runs "
                  f"(hosts each: {runs}); load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
