"""The scale-out deployment on one machine: a backend on PostgreSQL, two schedulers sharing one
PostgreSQL database and one Redis queue, three labelled nodes with Redis queues; the nodes and
the backend are given every scheduler's URL (they fail over between them).

Tests call ``start_scaleout``; a human runs ``python -m noc_devstack.scaleout --backend-db URL
--scheduler-db URL --redis URL`` and gets the URLs printed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from noc_devstack.ports import free_port
from noc_devstack.secrets import StackSecrets, _read_or_create, load_or_create_secrets
from noc_devstack.stack import (
    StackConfig,
    _private_dirs,
    _spawn,
    base_env,
    layer_env,
    register_node,
    scheduler_nodes,
    stop_processes,
    wait_healthy,
    wait_nodes_up,
)

#: the default nodes: name -> labels (one site each)
DEFAULT_NODES: dict[str, dict[str, str]] = {
    "n-rio": {"site": "rio"}, "n-sp": {"site": "sp"}, "n-lab": {"site": "lab"}}


@dataclass
class ScaleOutConfig:
    var_dir: Path
    backend_database_url: str
    scheduler_database_url: str
    #: the Redis both schedulers' queue and every node's queue live in (keys carry the prefix)
    redis_url: str
    host: str = "127.0.0.1"
    admin_password: str | None = None
    #: every Redis key of this deployment carries it: runs side by side never share a queue
    queue_prefix: str = field(default_factory=lambda: f"noc-scaleout-{uuid.uuid4().hex[:8]}")
    schedulers: int = 2
    nodes: dict[str, dict[str, str]] = field(default_factory=lambda: dict(DEFAULT_NODES))
    node_capacity: int = 4
    #: environment for every process (e.g. ``NOC_SCHEDULER_PLACEMENT_WAIT_S``)
    extra_env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.var_dir = self.var_dir.resolve()  # the processes run in it: paths must not be relative


@dataclass
class ScaleOutProcess:
    """One process of the deployment: its layer, its URL, and how to start it again."""

    name: str
    layer: str
    url: str
    config: StackConfig
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    def spawn(self) -> None:
        self.proc = _spawn(self.config, self.layer, self.env, self.log)

    def wait_healthy(self, timeout: float = 60) -> None:
        assert self.proc is not None
        wait_healthy(self.url, self.proc, self.log, timeout)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class ScaleOut:
    config: ScaleOutConfig
    secrets: StackSecrets
    processes: dict[str, ScaleOutProcess] = field(default_factory=dict)

    @property
    def backend_url(self) -> str:
        return self.processes["backend"].url

    @property
    def scheduler_urls(self) -> list[str]:
        return [p.url for p in self.processes.values() if p.layer == "scheduler"]

    @property
    def node_names(self) -> list[str]:
        return [p.name for p in self.processes.values() if p.layer == "node"]

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill one process and everything it started (its process group: a node's Ansible
        runs die with it, as when its machine is lost) and reap it."""
        proc = self.processes[name].proc
        assert proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)  # started in a session of its own: the group is its
        proc.wait(timeout=30)

    def restart(self, name: str) -> None:
        """Start a killed or stopped process again (same environment, same data)."""
        process = self.processes[name]
        if process.running:
            raise RuntimeError(f"{name} is still running")
        process.spawn()
        process.wait_healthy()

    def nodes(self) -> list[dict[str, Any]]:
        """The nodes as the first answering scheduler sees them (``/internal/v1/nodes``)."""
        return scheduler_nodes(self.scheduler_urls, self.secrets.backend_to_scheduler)

    def wait_nodes_up(self, names: list[str] | None = None, timeout: float = 60) -> None:
        """Until a scheduler has every node of ``names`` (default: all) up."""
        wait_nodes_up(self.scheduler_urls, self.secrets.backend_to_scheduler,
                      self.node_names if names is None else names, self.config.var_dir / "log",
                      timeout=timeout)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM every process, then SIGKILL what is still running after ``timeout``."""
        stop_processes([p.proc for p in self.processes.values() if p.proc is not None], timeout)

    def log_tails(self, chars: int = 3000) -> str:
        out = []
        for process in self.processes.values():
            if process.log.exists():
                out.append(f"----- {process.name} log (tail) -----\n"
                           f"{process.log.read_text(errors='replace')[-chars:]}")
        return "\n".join(out)


def _layer_config(cfg: ScaleOutConfig, **ports_and_names: object) -> StackConfig:
    """A single stack's config standing for one process of the deployment (its port, its
    name), so ``layer_env`` and ``_spawn`` of the single stack serve here too."""
    return StackConfig(
        var_dir=cfg.var_dir, host=cfg.host, admin_password=cfg.admin_password,
        backend_database_url=cfg.backend_database_url,
        scheduler_database_url=cfg.scheduler_database_url, scheduler_queue_url=cfg.redis_url,
        node_queue_url=cfg.redis_url, queue_prefix=cfg.queue_prefix,
        extra_env=cfg.extra_env, **ports_and_names)  # type: ignore[arg-type]


def plan(cfg: ScaleOutConfig, sec: StackSecrets) -> dict[str, ScaleOutProcess]:
    """Every process with its port and environment (nothing started)."""
    log_dir = cfg.var_dir / "log"
    backend_port = free_port(cfg.host)
    scheduler_ports = [free_port(cfg.host) for _ in range(cfg.schedulers)]
    base = base_env(_layer_config(cfg))
    one = _layer_config(cfg, backend_port=backend_port)
    scheduler_urls = ",".join(one.url(p) for p in scheduler_ports)
    processes: dict[str, ScaleOutProcess] = {}

    backend_env = {**base, **layer_env(one, sec)["backend"],
                   "NOC_BACKEND_SCHEDULER_URL": scheduler_urls}
    processes["backend"] = ScaleOutProcess("backend", "backend", one.url(backend_port), one,
                                           backend_env, log_dir / "backend.log")
    for index, port in enumerate(scheduler_ports, start=1):
        layer_cfg = _layer_config(cfg, backend_port=backend_port, scheduler_port=port)
        name = f"scheduler-{index}"
        env = {**base, **layer_env(layer_cfg, sec)["scheduler"]}
        processes[name] = ScaleOutProcess(name, "scheduler", layer_cfg.url(port), layer_cfg,
                                          env, log_dir / f"{name}.log")
    for name in cfg.nodes:
        port = free_port(cfg.host)
        layer_cfg = _layer_config(cfg, node_port=port, node_name=name)
        data_dir = cfg.var_dir / "nodes" / name
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        env = {**base, **layer_env(layer_cfg, sec)["node"],
               "NOC_NODE_SCHEDULER_URL": scheduler_urls, "NOC_NODE_DATA_DIR": str(data_dir),
               "NOC_NODE_TOKEN": _read_or_create(_token_file(cfg, name),
                                                 secrets.token_urlsafe(32))[0]}
        processes[name] = ScaleOutProcess(name, "node", layer_cfg.url(port), layer_cfg, env,
                                          log_dir / f"{name}.log")
    return processes


def _token_file(cfg: ScaleOutConfig, node: str) -> Path:
    """Each node's own token (the scheduler tells nodes apart by it)."""
    return cfg.var_dir / "secrets" / f"node-{node}.token"


def _register_nodes(deployment: ScaleOut) -> None:
    """``noc-scheduler nodes add`` for each node with its labels (before any scheduler runs:
    the command migrates the shared database)."""
    cfg = deployment.config
    scheduler = next(p for p in deployment.processes.values() if p.layer == "scheduler")
    for name, labels in cfg.nodes.items():
        register_node(scheduler.env, cfg.var_dir, name, deployment.processes[name].url,
                      _token_file(cfg, name), cfg.node_capacity, labels)


def start_scaleout(cfg: ScaleOutConfig) -> ScaleOut:
    """Start the backend, register the nodes, start the schedulers one after the other (the
    first migrates the shared database), then the nodes; wait until every node is up."""
    _private_dirs(_layer_config(cfg))
    sec = load_or_create_secrets(cfg.var_dir, cfg.admin_password)
    deployment = ScaleOut(cfg, sec, plan(cfg, sec))
    processes = deployment.processes
    try:
        processes["backend"].spawn()
        _register_nodes(deployment)
        for process in processes.values():
            if process.layer == "scheduler":
                process.spawn()
                process.wait_healthy()
        for process in processes.values():
            if process.layer == "node":
                process.spawn()
        for process in processes.values():
            process.wait_healthy()
        deployment.wait_nodes_up()
    except BaseException:
        deployment.stop()
        raise
    return deployment


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, default=Path("var/scaleout"))
    parser.add_argument("--backend-db", required=True, help="postgresql://... (an empty database)")
    parser.add_argument("--scheduler-db", required=True, help="postgresql://... (another one)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--admin-password", default=None)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _interrupt)  # stop the processes on SIGTERM as on Ctrl-C
    deployment = start_scaleout(ScaleOutConfig(
        var_dir=args.var_dir, backend_database_url=args.backend_db,
        scheduler_database_url=args.scheduler_db, redis_url=args.redis,
        admin_password=args.admin_password))
    print(f"backend     {deployment.backend_url}  (admin password in "
          f"{args.var_dir / 'admin-password'} unless given)")
    for process in deployment.processes.values():
        if process.layer != "backend":
            print(f"{process.name:<11} {process.url}  log {process.log}")
    print("Ctrl-C stops everything.", flush=True)
    try:
        while all(p.running for p in deployment.processes.values()):
            time.sleep(1)
        print("a process exited; stopping", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        deployment.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
