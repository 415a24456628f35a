"""Start backend, scheduler and node as real processes wired together, and stop them cleanly."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from noc_devstack.given_settings import without_owned
from noc_devstack.secrets import StackSecrets, load_or_create_secrets

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class StackTls:
    """TLS for every listener: each layer serves ``cert``/``key``; clients trust ``ca``."""

    ca: Path
    cert: Path
    key: Path


@dataclass
class StackConfig:
    var_dir: Path
    host: str = "127.0.0.1"
    backend_port: int = 8700
    scheduler_port: int = 8701
    node_port: int = 8702
    admin_password: str | None = None
    backend_database_url: str | None = None
    scheduler_database_url: str | None = None
    scheduler_queue_url: str | None = None
    node_queue_url: str | None = None
    queue_prefix: str = "noc"
    node_name: str = "local"
    #: tasks the node is given at once, set when it is registered (a heartbeat only lowers it);
    #: None: the node's worker count (``NOC_NODE_WORKERS`` in ``extra_env``, else 4)
    node_capacity: int | None = None
    tls: StackTls | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    #: per layer (``backend``, ``scheduler``, ``node``), settings over the stack's defaults
    #: (``make run`` passes on what it was given); those the stack owns (its URLs, tokens,
    #: secrets keys, TLS: ``given_settings.OWNED``) are dropped
    layer_settings: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the program run for a layer instead of ``noc-<layer>`` (``serve --host --port`` follow);
    #: benchmarks run a node with an injected no-op executor this way
    commands: dict[str, list[str]] = field(default_factory=dict)

    def url(self, port: int) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{port}"

    def port(self, layer: str) -> int:
        return {"backend": self.backend_port, "scheduler": self.scheduler_port,
                "node": self.node_port}[layer]


@dataclass
class Stack:
    config: StackConfig
    secrets: StackSecrets
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    #: per layer, where its current start's lines begin in its log (a byte offset)
    log_starts: dict[str, int] = field(default_factory=dict)

    @property
    def backend_url(self) -> str:
        return self.config.url(self.config.backend_port)

    @property
    def scheduler_url(self) -> str:
        return self.config.url(self.config.scheduler_port)

    @property
    def node_url(self) -> str:
        return self.config.url(self.config.node_port)

    def kill(self, layer: str, sig: int = signal.SIGKILL) -> None:
        """Signal ``layer``'s process, wait until it ends, then SIGKILL what it left in its
        process group and reap it (``finish``)."""
        proc = self.processes[layer]
        proc.send_signal(sig)
        if not wait_exited(proc, 30):
            raise subprocess.TimeoutExpired(proc.args, 30)
        finish(proc)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM every process, then SIGKILL what is still running after ``timeout``."""
        stop_processes(self.processes.values(), timeout)

    def log(self, layer: str) -> Path:
        return self.config.var_dir / "log" / f"{layer}.log"

    def url(self, layer: str) -> str:
        return self.config.url(self.config.port(layer))

    @functools.cached_property
    def verify(self) -> ssl.SSLContext | bool:
        """What the stack's own clients verify the layers with: its CA (read once, not on each
        of the supervisor's health checks), or the system's."""
        if self.config.tls is None:
            return True
        return ssl.create_default_context(cafile=str(self.config.tls.ca))

    def healthy(self, layer: str) -> bool:
        """Whether ``layer`` answers its health check now (``answers_health``)."""
        return answers_health(self.url(layer), self.verify)

    def this_start_log(self, layer: str) -> str:
        """The lines ``layer``'s current (or last) start wrote to its log, none older."""
        return log_since(self.log(layer), self.log_starts.get(layer, 0))


class LayerFailed(RuntimeError):
    """A layer exited while starting (``returncode``) or never answered (``None``)."""

    def __init__(self, layer: str, returncode: int | None, message: str, log_text: str) -> None:
        super().__init__(message)
        self.layer = layer
        self.returncode = returncode
        #: what this start of the layer wrote to its log (no older lines)
        self.log_text = log_text


def stop_processes(procs: Iterable[subprocess.Popen[bytes]], timeout: float) -> None:
    """SIGTERM each process still running, then SIGKILL what is still running after ``timeout``
    (one deadline for all); then SIGKILL what each one started and left behind in its process
    group (e.g. a worker that would outlive it for a moment), and reap them all.

    A process reaped before (one that died and was noticed) is left alone: once reaped, its pid
    and so its group id may belong to an unrelated process (``finish``)."""
    procs = [proc for proc in procs if proc.returncode is None]
    for proc in procs:
        if not exited(proc):
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in procs:
        if not wait_exited(proc, deadline - time.monotonic()):
            proc.kill()
        finish(proc)


def exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether ``proc`` has ended, without reaping it: until it is reaped its pid (the id of
    the process group it leads) stays ours."""
    if proc.returncode is not None:
        return True
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:  # reaped by someone else: nothing is known about its pid now
        return True


def wait_exited(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Until ``proc`` has ended (True) or ``timeout`` seconds passed (False), not reaping it."""
    deadline = time.monotonic() + timeout
    while not exited(proc):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def finish(proc: subprocess.Popen[bytes]) -> int:
    """SIGKILL what is left in the group ``proc`` leads while ``proc`` is not reaped (so the
    group id is still its own), then wait for ``proc`` and reap it; its exit status."""
    if proc.returncode is None:
        kill_group(proc.pid)
    return proc.wait()


def kill_group(pid: int) -> None:
    """SIGKILL the process group ``pid`` leads (each layer starts its own session); nothing
    when there is no such group. Only for a process not reaped yet (``finish``)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def layer_env(cfg: StackConfig, sec: StackSecrets) -> dict[str, dict[str, str]]:
    var = cfg.var_dir.resolve()
    backend = {
        "NOC_BACKEND_DATABASE_URL": cfg.backend_database_url or f"sqlite:///{var}/backend.db",
        "NOC_BACKEND_SECRETS_KEY": sec.backend_key,
        "NOC_BACKEND_SCHEDULER_URL": cfg.url(cfg.scheduler_port),
        "NOC_BACKEND_SCHEDULER_TOKEN": sec.backend_to_scheduler,
        "NOC_BACKEND_INTERNAL_TOKEN": sec.scheduler_to_backend,
        "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD": sec.admin_password,
    }
    scheduler = {
        "NOC_SCHEDULER_DATABASE_URL": cfg.scheduler_database_url or f"sqlite:///{var}/scheduler.db",
        "NOC_SCHEDULER_QUEUE_URL": cfg.scheduler_queue_url or f"sqlite:///{var}/scheduler-queue.db",
        "NOC_SCHEDULER_QUEUE_NAME": f"{cfg.queue_prefix}-scheduler",
        "NOC_SCHEDULER_SECRETS_KEY": sec.scheduler_key,
        "NOC_SCHEDULER_API_TOKEN": sec.backend_to_scheduler,
        "NOC_SCHEDULER_BACKEND_URL": cfg.url(cfg.backend_port),
        "NOC_SCHEDULER_BACKEND_TOKEN": sec.scheduler_to_backend,
    }
    node = {
        "NOC_NODE_NAME": cfg.node_name,
        "NOC_NODE_URL": cfg.url(cfg.node_port),
        "NOC_NODE_SCHEDULER_URL": cfg.url(cfg.scheduler_port),
        "NOC_NODE_TOKEN": sec.node_token,
        "NOC_NODE_DATA_DIR": str(var / "node"),
        "NOC_NODE_QUEUE_URL": cfg.node_queue_url or f"sqlite:///{var}/node/queue.db",
        "NOC_NODE_QUEUE_NAME": f"{cfg.queue_prefix}-node-{cfg.node_name}",
    }
    envs = {"backend": backend, "scheduler": scheduler, "node": node}
    if cfg.tls is not None:
        for layer, env in envs.items():
            prefix = f"NOC_{layer.upper()}_"
            env[prefix + "TLS_CERT_FILE"] = str(cfg.tls.cert)
            env[prefix + "TLS_KEY_FILE"] = str(cfg.tls.key)
            env[prefix + "TLS_CA_FILE"] = str(cfg.tls.ca)
    return envs


def process_env(cfg: StackConfig, sec: StackSecrets, layer: str) -> dict[str, str]:
    """The whole environment ``layer`` runs with: ``base_env``, the stack's settings for it,
    then the settings given for it (``layer_settings``) less those the stack owns."""
    return {**base_env(cfg), **layer_env(cfg, sec)[layer],
            **without_owned(cfg.layer_settings.get(layer, {}))}


def base_env(cfg: StackConfig) -> dict[str, str]:
    """What every process of the stack starts from: this environment without its ``NOC_*``
    variables (a layer's come from ``layer_env`` only), the config's ``extra_env``, unbuffered
    output (the logs are read while the processes run)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOC_")}
    env.update(cfg.extra_env)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def log_since(log: Path, offset: int) -> str:
    """The text of ``log`` from byte ``offset`` on ('' when there is no log)."""
    try:
        with log.open("rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")
    except FileNotFoundError:
        return ""


def answers_health(url: str, verify: ssl.SSLContext | bool = True) -> bool:
    """Whether ``url/healthz`` answers 200 within a second (one look, no retry)."""
    try:
        return httpx.get(f"{url}/healthz", timeout=1, verify=verify).status_code == 200
    except httpx.HTTPError:
        return False


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60,
                 verify: ssl.SSLContext | bool = True, since: int = 0) -> None:
    """Until ``url/healthz`` answers 200; RuntimeError when ``proc`` exits first (with the end
    of its log from byte ``since``: this start's lines) or after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if exited(proc):
            finish(proc)  # with what it left in its group
            raise RuntimeError(f"{url} exited with {proc.returncode}; see {log}:\n"
                               + log_since(log, since)[-3000:])
        if answers_health(url, verify):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{url} not healthy after {timeout}s; see {log}")


def _private_dirs(cfg: StackConfig) -> Path:
    """``var/``, its log and node dirs, 0700: everything the layers write is theirs alone."""
    for path in (cfg.var_dir, cfg.var_dir / "log", cfg.var_dir / "node"):
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path, 0o700)
    return cfg.var_dir / "log"


def _open_log(path: Path) -> int:
    """A log file for appending, created 0600 (an older, looser one is tightened)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _spawn(cfg: StackConfig, layer: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    fd = _open_log(log)
    try:
        # where this start's lines begin: the supervisor shows these, never older ones
        os.write(fd, f"----- {layer} starting ({time.strftime('%Y-%m-%d %H:%M:%S')}) -----\n"
                 .encode())
        return subprocess.Popen(
            [*cfg.commands.get(layer, [str(BIN / f"noc-{layer}")]), "serve", "--host", cfg.host,
             "--port", str(cfg.port(layer))],
            env=env, cwd=cfg.var_dir, stdout=fd, stderr=subprocess.STDOUT,
            start_new_session=True, umask=0o077)
    finally:
        os.close(fd)


def node_capacity(cfg: StackConfig) -> int:
    """The capacity the node is registered with: ``node_capacity``, else its given
    ``NOC_NODE_WORKERS``, else 4. ValueError naming the variable when it is not a whole
    number from 1 up."""
    if cfg.node_capacity is not None:
        return cfg.node_capacity
    given = cfg.layer_settings.get("node", {}).get("NOC_NODE_WORKERS")
    text = given or cfg.extra_env.get("NOC_NODE_WORKERS") or "4"
    if not text.strip().isdigit() or int(text) < 1:
        raise ValueError(f"NOC_NODE_WORKERS must be a whole number from 1 up (the tasks the "
                         f"node runs at once), not {text!r}")
    return int(text)


def register_node(env: Mapping[str, str], cwd: Path, name: str, url: str, token_file: Path,
                  capacity: int, labels: Mapping[str, str] | None = None) -> None:
    """``noc-scheduler nodes add`` as an admin runs it, with a scheduler's environment (its
    database): before the scheduler starts (the command migrates the database) or beside it.
    No ``labels``: a node already registered keeps its own."""
    command = [str(BIN / "noc-scheduler"), "nodes", "add", "--name", name, "--url", url,
               "--token-file", str(token_file), "--capacity", str(capacity)]
    for key, value in (labels or {}).items():
        command += ["--label", f"{key}={value}"]
    subprocess.run(command, env=dict(env), check=True, cwd=cwd, stdout=subprocess.DEVNULL)


def scheduler_nodes(urls: Sequence[str], token: str, verify: ssl.SSLContext | bool = True,
                    timeout: float = 5) -> list[dict[str, Any]]:
    """The nodes as the first answering scheduler of ``urls`` sees them (``/internal/v1/nodes``,
    ``token`` the backend's); RuntimeError when none answers."""
    headers = {"Authorization": f"Bearer {token}"}
    failure: Exception | None = None
    for url in urls:
        try:
            response = httpx.get(f"{url}/internal/v1/nodes", headers=headers, timeout=timeout,
                                 verify=verify)
            response.raise_for_status()
            nodes: list[dict[str, Any]] = response.json()
            return nodes
        except (httpx.HTTPError, ValueError) as exc:
            failure = exc
    raise RuntimeError(f"no scheduler answered: {failure!r}")


def wait_nodes_up(urls: Sequence[str], token: str, names: Iterable[str], logs: Path,
                  timeout: float, verify: ssl.SSLContext | bool = True, request_timeout: float = 5,
                  interval: float = 0.1) -> None:
    """Until a scheduler of ``urls`` has a heartbeat of every node of ``names`` (healthy): before
    that it gives them no work. RuntimeError after ``timeout``, pointing at ``logs``."""
    wanted = set(names)
    up: set[str] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(RuntimeError):  # no scheduler answering yet
            up = {str(n["name"]) for n in scheduler_nodes(urls, token, verify, request_timeout)
                  if n["healthy"]}
        if wanted <= up:
            return
        time.sleep(interval)
    raise RuntimeError(f"the scheduler ({', '.join(urls)}) never saw node(s) "
                       f"{', '.join(sorted(wanted - up))} up; see {logs}")


def start_stack(cfg: StackConfig) -> Stack:
    """Create or reuse the secrets, register the node, start the layers, wait until healthy.

    The layers start side by side (each retries its peers until they answer); only the node's
    registration comes before the scheduler, which must not migrate its database meanwhile.
    """
    _private_dirs(cfg)
    sec = load_or_create_secrets(cfg.var_dir, cfg.admin_password)
    stack = Stack(cfg, sec)
    try:
        respawn(stack, "backend")
        register_node(process_env(cfg, sec, "scheduler"), cfg.var_dir, cfg.node_name,
                      cfg.url(cfg.node_port), sec.node_token_file, node_capacity(cfg))
        for layer in ("scheduler", "node"):
            respawn(stack, layer)
        for layer in ("backend", "scheduler", "node"):
            _wait_layer(stack, layer)
        wait_nodes_up([stack.scheduler_url], sec.backend_to_scheduler, [cfg.node_name],
                      stack.log("node"), timeout=30, verify=stack.verify, request_timeout=2)
    except BaseException:
        stack.stop()
        raise
    return stack


def respawn(stack: Stack, layer: str) -> subprocess.Popen[bytes]:
    """Start ``layer``'s process (same env, same data) without waiting for it; its log gets
    a line saying where this start begins (``stack.log_starts``)."""
    log = stack.log(layer)
    stack.log_starts[layer] = log.stat().st_size if log.exists() else 0
    proc = _spawn(stack.config, layer, process_env(stack.config, stack.secrets, layer), log)
    stack.processes[layer] = proc
    return proc


def _wait_layer(stack: Stack, layer: str) -> None:
    proc = stack.processes[layer]
    try:
        wait_healthy(stack.url(layer), proc, stack.log(layer), verify=stack.verify,
                     since=stack.log_starts.get(layer, 0))
    except RuntimeError as exc:
        # returncode, never poll(): a process reaped here would take its group out of reach
        raise LayerFailed(layer, proc.returncode, str(exc), stack.this_start_log(layer)) from None


def restart(stack: Stack, layer: str) -> None:
    """Start one layer again after it was stopped or killed (same env, same data)."""
    respawn(stack, layer)
    _wait_layer(stack, layer)
