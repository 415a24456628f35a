"""``make run``'s supervisor: watches the stack's processes and restarts one that dies, after
the back-off ``restart_policy`` decides, saying so; too many quick failures stop the stack.

The decisions and the words are pure (``restart_policy``, ``layer_report``); this module only
polls processes and health checks, and starts processes again.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from noc_devstack.layer_report import exit_line, port_in_use, port_taken, tail
from noc_devstack.ports import free_base_port
from noc_devstack.restart_policy import GiveUp, RestartPolicy, after_exit
from noc_devstack.stack import Stack, StackConfig, exited, finish, kill_group, respawn


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when it is under it (``var/log/node.log``)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def port_taken_line(config: StackConfig, layer: str) -> str:
    """``layer_report.port_taken`` for ``layer``'s port, suggesting a base port above the
    stack's whose three ports are free now."""
    return port_taken(config.port(layer), layer,
                      free_base_port(config.host, config.backend_port + 10))


def say_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class _Watch:
    started_at: float
    #: since when this start answers its health check (None: not yet)
    healthy_since: float | None
    #: failures in a row (``restart_policy.after_exit``)
    streak: int = 0
    #: when a restart is due (None: the process is running)
    restart_at: float | None = None


class Supervisor:
    """Run ``watch`` after ``start_stack``: every layer is then running and healthy."""

    def __init__(self, stack: Stack, policy: RestartPolicy | None = None,
                 say: Callable[[str], None] = say_stderr, tick_s: float = 0.25,
                 start_timeout_s: float = 60.0) -> None:
        self.stack = stack
        self.policy = policy or RestartPolicy()
        self.say = say
        self.tick_s = tick_s
        self.start_timeout_s = start_timeout_s
        now = time.monotonic()
        self._watches = {layer: _Watch(started_at=now, healthy_since=now)
                         for layer in stack.processes}

    def watch(self, stopping: threading.Event,
              each_tick: Callable[[], None] | None = None) -> int:
        """Until ``stopping`` is set (0) or the stack is given up on (1); ``each_tick`` runs
        between checks (the launcher watches the desktop app there)."""
        while not stopping.wait(self.tick_s):
            for layer in self._watches:
                if stopping.is_set():
                    break
                if not self._check(layer):
                    return 1
            if each_tick is not None:
                each_tick()
        return 0

    def _check(self, layer: str) -> bool:
        """One look at ``layer``; False when the stack must be given up on."""
        w = self._watches[layer]
        now = time.monotonic()
        if w.restart_at is not None:
            if now >= w.restart_at:
                w.restart_at, w.started_at, w.healthy_since = None, now, None
                proc = respawn(self.stack, layer)
                self.say(f"{layer}: starting again (pid {proc.pid})")
            return True
        proc = self.stack.processes[layer]
        if exited(proc):  # what it started (e.g. workers) is killed before it is reaped
            return self._died(layer, w, finish(proc), now)
        if w.healthy_since is None:
            if self.stack.healthy(layer):
                w.healthy_since = now
                self.say(f"{layer} is up again at {self.stack.url(layer)}")
            elif now - w.started_at > self.start_timeout_s:
                self.say(f"{layer} did not answer {self.stack.url(layer)}/healthz within "
                         f"{self.start_timeout_s:g} s of starting; killing it")
                kill_group(proc.pid)  # not reaped yet: the group is still its own
        return True

    def _died(self, layer: str, w: _Watch, returncode: int, now: float) -> bool:
        healthy_for = None if w.healthy_since is None else now - w.healthy_since
        decision = after_exit(self.policy, w.streak, healthy_for)
        self.say(exit_line(layer, returncode, decision, shown_path(self.stack.log(layer))))
        text = self.stack.this_start_log(layer)
        if port_in_use(text):
            self.say(port_taken_line(self.stack.config, layer))
        elif text.strip():
            self.say(f"the last lines of this start's log:\n{tail(text)}")
        if isinstance(decision, GiveUp):
            return False
        w.streak, w.restart_at = decision.failures, now + decision.delay_s
        return True
