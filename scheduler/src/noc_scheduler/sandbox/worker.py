"""The child side of the sandbox: a process that evaluates one request at a time.

It confines itself first (an address-space cap over what it already maps, no core dumps, dies
with its parent), then answers JSON requests ``{"op", "value", "context"}`` with
``{"ok": value}`` or ``{"error": message, "budget": bool, "exit": bool}``, each evaluation under the
contracts' soft budget. After a budget failure it exits: the pool starts a fresh one, so a
worker that ran out of memory never serves again.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from noc_contracts.expressions import budget
from noc_scheduler.flow import expressions

logger = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_OPS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "evaluate": expressions.evaluate,
    "condition": expressions.condition,
    "render": expressions.render,
    "render_value": expressions.render_value,
}


@dataclass(frozen=True)
class Limits:
    """What one evaluation may use (sent to each worker when it starts)."""

    seconds: float
    max_output_bytes: int
    memory_bytes: int


def _mapped_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def confine(limits: Limits) -> None:
    """Limit this process: memory over its current size, no core file, gone with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the scheduler to handle
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cap = _mapped_bytes() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _cpu_backstop(seconds: float) -> None:
    """Should the parent be gone and not kill us, the kernel ends a runaway evaluation."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(spent + 4 * seconds + 2)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _reply(message: str, over_budget: bool, leave: bool) -> bytes:
    return json.dumps({"error": message, "budget": over_budget, "exit": leave}).encode()


def handle(raw: bytes, limits: Limits) -> tuple[bytes, bool]:
    """One request -> (the encoded reply, whether this worker must exit after sending it)."""
    source = "the template"
    try:
        request = json.loads(raw)
        source = expressions.quote_value(request["value"])
        op = _OPS[request["op"]]
        _cpu_backstop(limits.seconds)
        with budget(limits.seconds, limits.max_output_bytes):
            body = '{"ok":' + expressions.to_json(op(request["value"], request["context"])) + "}"
        encoded = body.encode()
        if len(encoded) > limits.max_output_bytes:
            return _reply(f"{source}: over budget: the result is {len(encoded):,} bytes, over "
                          f"the {limits.max_output_bytes:,} limit", True, True), True
        return encoded, False
    except expressions.BudgetError as exc:
        return _reply(str(exc), True, True), True
    except expressions.ExpressionError as exc:
        return _reply(str(exc), False, False), False
    except MemoryError:
        return _reply(f"{source}: over budget: ran out of memory", True, True), True
    except (KeyError, TypeError, ValueError) as exc:  # a malformed request: our bug, not theirs
        return _reply(f"bad sandbox request: {type(exc).__name__}", False, True), True


def main(conn: Connection, limits: Limits) -> None:
    """The worker's life: confine, then answer requests until EOF or a budget failure."""
    confine(limits)
    while True:
        try:
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            return
        reply, leave = handle(raw, limits)
        try:
            conn.send_bytes(reply)
        except OSError:
            return
        if leave:
            os._exit(0)  # no cleanup to run: skip interpreter teardown of a possibly-full heap
