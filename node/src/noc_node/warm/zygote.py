"""The warm worker process: imports Ansible once, then forks one process per run.

Started by the node (``python -m noc_node.warm.zygote --fd N <room>``) with the environment
every run shares and no secret in it. It imports Ansible's command line, executor and plugin
machinery (the ~0.8 CPU-s a cold ``ansible`` pays on every run), says ``ready``, and then only
forks: for each ``spawn`` it receives a terminal, a request file and the run's go-ahead pipe,
forks, and the child becomes the run (``noc_node.warm.child``); it never reads a run's request
itself. It reaps
its children and reports how each ended. It exits when the node closes its socket, and dies
with the node thread that started it; its runs die with it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import select
import signal
import socket
import sys
from pathlib import Path

from noc_node.warm import child, payloads
from noc_node.warm.protocol import MAX_MESSAGE, decode, encode
from noc_node.warm.title import set_title

#: what a cold ``ansible`` imports before it runs anything, and its workers use
PRELOAD = (
    "ansible.cli.adhoc",
    "ansible.executor.task_queue_manager",
    "ansible.executor.task_executor",
    "ansible.executor.process.worker",
    "ansible.executor.module_common",
    "ansible.playbook.play",
    "ansible.plugins.strategy.linear",
    "ansible.plugins.action",
    "ansible.plugins.connection",
    "ansible.template",
    "ansible.vars.manager",
    "ansible.inventory.manager",
)


def preload() -> None:
    """Import Ansible, configure its collection loader and load what every run loads.

    Only what depends on no per-run variable: not the runner's event callback, which reads
    the run's artifact dir when it is imported.
    """
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from ansible import constants
    from ansible.plugins.loader import init_plugin_loader, inventory_loader

    init_plugin_loader()
    importlib.import_module("ansible_collections.ansible.builtin")  # its plugin routing table
    for plugin in constants.INVENTORY_ENABLED:
        inventory_loader.get(plugin, class_only=True)
    gc.collect()
    gc.freeze()  # the forks share these pages instead of copying them on every collection


def _send(sock: socket.socket, message: dict[str, object]) -> None:
    with contextlib.suppress(OSError):
        sock.send(encode(message))


def _reap(sock: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)
        _send(sock, {"op": "exit", "pid": pid, "status": status})


def _spawn(sock: socket.socket, wake: tuple[int, int], message: dict[str, object],
           fds: list[int], children: set[int], cache: Path | None) -> None:
    if message.get("op") != "spawn" or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        _send(sock, {"op": "refused", "id": message.get("id"), "error": "bad request"})
        return
    tty, request, go = fds
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        child.run(parent, [sock.fileno(), *wake], tty, request, go, cache)
    for fd in fds:
        os.close(fd)
    children.add(pid)
    _send(sock, {"op": "spawned", "id": message.get("id"), "pid": pid})


def serve(sock: socket.socket, cache: Path | None = None, bytecode: bool = True) -> None:
    """Fork a run per ``spawn`` until the node closes the socket; with ``cache``, the runs
    share it and a helper fills it with the catalogue's payloads first (with ``bytecode``,
    carrying this Python's bytecode)."""
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: set[int] = set()
    _send(sock, {"op": "ready", "pid": os.getpid()})
    if cache is not None:  # reaped as a run is; the node knows no run by its pid
        children.add(payloads.build_in_child(cache, [sock.fileno(), wake_r, wake_w], bytecode))
    while True:
        readable, _, _ = select.select([sock.fileno(), wake_r], [], [])
        if wake_r in readable:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_r, 4096)
        _reap(sock, children)
        if sock.fileno() in readable:
            data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 3)
            if not data:
                return
            try:
                message = decode(data)
            except ValueError:
                message = {}
            _spawn(sock, (wake_r, wake_w), message, fds, children, cache)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="noc-node-warm-ansible")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--tag", default="")
    parser.add_argument("--no-bytecode", dest="bytecode", action="store_false",
                        help="build module payloads without this Python's bytecode")
    parser.add_argument("room", help="room for the command lines of the runs")
    args = parser.parse_args(argv)
    # a terminal's Ctrl-C or hang-up is for the node, which stops us by closing the socket
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    sock = socket.socket(fileno=args.fd)
    set_title(["noc-node-warm-ansible", args.tag])
    preload()
    # the node starts us in our work dir
    serve(sock, payloads.fresh_cache(Path.cwd()), args.bytecode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
