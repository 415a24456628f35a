"""What the node and its warm worker say to each other over their socket pair.

One JSON object per ``SOCK_SEQPACKET`` message. The node sends ``{"op": "spawn", "id": n}``
with three file descriptors attached: the terminal the run writes to, an unlinked memory file
holding the run's request (argv, env, cwd), which only the forked run reads, so nothing of a
run passes through the warm worker's own memory, and the read end of the run's go-ahead pipe.
The worker answers ``ready`` once it has imported Ansible, ``spawned`` (or ``refused``) per
request, and ``exit`` when a run ends. The forked run waits for one byte on its go-ahead pipe,
which the node writes only once it has the ``spawned`` answer to that very request; a run the
node gave up on (the answer came late, or never) reads end-of-file instead and exits unrun,
since the node has started that run cold.
"""

from __future__ import annotations

import json
import os
from typing import Any

MAX_MESSAGE = 4096
#: environment variables ansible-runner sets per run; every other one must match the worker's
PER_RUN_ENV = frozenset({"ANSIBLE_LOCAL_TEMP", "AWX_ISOLATED_DATA_DIR",
                         "ANSIBLE_CACHE_PLUGIN_CONNECTION"})


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode()


def decode(data: bytes) -> dict[str, Any]:
    message = json.loads(data)
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message


def base_env(env: dict[str, str]) -> dict[str, str]:
    """The part of a run's environment the warm worker must have been started with (the node's
    own variables are already out of it: ``noc_node.processes.spawn.scrubbed``)."""
    return {k: v for k, v in env.items() if k not in PER_RUN_ENV}


def request_file(argv: list[str], env: dict[str, str], cwd: str) -> int:
    """An unlinked memory file holding one run's request; the caller closes it."""
    fd = os.memfd_create("noc-warm-run", os.MFD_CLOEXEC)
    try:
        data = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode(
            errors="surrogateescape")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.lseek(fd, 0, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_request(fd: int) -> tuple[list[str], dict[str, str], str]:
    """The run's (argv, env, cwd) from its memory file (which is then closed)."""
    chunks = []
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(1 << 20):
            chunks.append(chunk)
    request = json.loads(b"".join(chunks).decode(errors="surrogateescape"))
    return list(request["argv"]), dict(request["env"]), str(request["cwd"])
