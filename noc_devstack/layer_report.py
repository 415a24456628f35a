"""What ``make run`` says when a layer dies or a port is taken: one clear line first, then the
last lines of that start's log only (never older runs' lines). Pure: text in, text out."""

from __future__ import annotations

import re
import signal

from noc_devstack.restart_policy import GiveUp, Restart

#: how uvicorn (and Python's socket) report a port another program holds
_IN_USE = re.compile(r"address already in use|\[errno 98\]|eaddrinuse", re.IGNORECASE)


def port_in_use(log_text: str) -> bool:
    """Whether a layer's log says it could not bind its port."""
    return bool(_IN_USE.search(log_text))


def port_taken(port: int, layer: str, free_base: int | None = None) -> str:
    """The message for a port another program holds, naming the way out."""
    choose = f"NOC_RUN_BASE_PORT={free_base}" if free_base is not None else "NOC_RUN_BASE_PORT=..."
    return (f"port {port} ({layer}) is in use by another program; stop it or choose other "
            f"ports with {choose} (make run uses that port and the next two)")


def how_it_ended(returncode: int) -> str:
    """``exited with 1``, or ``was killed by SIGKILL`` for a signal."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"was killed by {name}"
    return f"exited with {returncode}"


def seconds(value: float) -> str:
    """``2 s``, ``0.5 s``: a delay as a person reads it."""
    return f"{value:g} s"


def exit_line(layer: str, returncode: int, decision: Restart | GiveUp, log: str) -> str:
    """``scheduler exited with 1; restarting in 2 s; log: var/log/scheduler.log``."""
    if isinstance(decision, Restart):
        then = f"restarting in {seconds(decision.delay_s)}"
    else:
        times = "once" if decision.failures == 1 else f"{decision.failures} times in a row"
        then = f"failed {times} soon after starting: giving up, stopping the stack"
    return f"{layer} {how_it_ended(returncode)}; {then}; log: {log}"


def tail(text: str, lines: int = 15, indent: str = "    ") -> str:
    """The last ``lines`` non-empty lines of ``text``, indented (``''`` for none)."""
    kept = [line for line in text.splitlines() if line.strip()][-lines:]
    return "\n".join(indent + line for line in kept)
