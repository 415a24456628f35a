"""How the ``ansible`` process is started: its own process group, killed when the node dies.

ansible-runner starts ``ansible`` with ``pexpect.spawn`` (a pty fork: the child calls
``setsid``, so it leads its own session and process group) and offers no ``preexec_fn``. We
give ``ansible_runner.runner`` a ``pexpect`` whose ``spawn`` adds one, only for runs started
inside ``spawn_hooks(...)`` in the same thread: it asks the kernel for SIGKILL when the
spawning thread dies (``prctl(PR_SET_PDEATHSIG)``; the thread is the worker blocked in the run,
so a dead node kills its ``ansible`` even by SIGKILL), and it tells the caller the new process
group so the guardian can kill it if the node dies. A ``launch`` given to the hooks may start
``ansible`` another way (the warm worker, ``noc_node.warm``); when it returns None the process
is started cold, as before. Either way the node's own environment (``NOC_*``: its token, its
SMTP password) is left out of Ansible's (``scrubbed``), whether ansible-runner passes an
environment or lets the child inherit ours, and so is its ``PYTHONUNBUFFERED``.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import pexpect  # type: ignore[import-untyped]

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)
_local = threading.local()


def die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A ``preexec_fn``: SIGKILL this child when its parent thread ends (even by SIGKILL)."""
    def preexec() -> None:
        if _libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            os._exit(126)
        if os.getppid() != parent_pid:  # the parent died before the prctl took effect
            os._exit(126)
    return preexec


#: starts ``ansible`` from pexpect.spawn's arguments, or returns None (then it starts cold)
Launch = Callable[..., Any]
#: the node's own settings and secrets never reach Ansible (nor anything it runs)
NODE_ENV_PREFIX = "NOC_"
#: the node's own interpreter settings, which would slow every module: under
#: PYTHONUNBUFFERED (``make run`` sets it for the logs) Python reads a script piped to it, as a
#: module is, one byte per ``read()``: ~170,000 system calls (~0.1 CPU-s) for a ping
NODE_ONLY = frozenset({"PYTHONUNBUFFERED"})
_Key = TypeVar("_Key", str, bytes)
_Value = TypeVar("_Value", str, bytes)


def scrubbed(env: Mapping[_Key, _Value]) -> dict[_Key, _Value]:
    """``env`` without the node's own variables (its token, its SMTP password, ...)."""
    return {k: v for k, v in env.items() if not _nodes_own(os.fsdecode(k))}


def _nodes_own(name: str) -> bool:
    return name.startswith(NODE_ENV_PREFIX) or name in NODE_ONLY


class _Hooks:
    def __init__(self, on_spawn: Callable[[int], None], launch: Launch | None) -> None:
        self.on_spawn = on_spawn
        self.launch = launch


def _is_ansible(command: Any) -> bool:
    name = os.fsdecode(command) if isinstance(command, str | bytes) else ""
    return os.path.basename(name) == "ansible"


class HookedPexpect:
    """``pexpect`` as ansible-runner sees it: everything passes through but ``spawn``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(pexpect, name)

    @staticmethod
    def spawn(*args: Any, **kwargs: Any) -> Any:
        hooks: _Hooks | None = getattr(_local, "hooks", None)
        if hooks is None:
            return pexpect.spawn(*args, **kwargs)
        env = kwargs.get("env")
        kwargs["env"] = scrubbed(os.environ if env is None else env)
        if hooks.launch is not None and args and _is_ansible(args[0]):
            warm = hooks.launch(*args, **kwargs)
            if warm is not None:
                hooks.on_spawn(int(warm.pid))
                return warm
        inner = kwargs.pop("preexec_fn", None)
        guard = die_with_parent(os.getpid())

        def preexec() -> None:
            guard()
            if inner is not None:
                inner()

        child = pexpect.spawn(*args, preexec_fn=preexec, **kwargs)
        hooks.on_spawn(int(child.pid))
        return child


def install() -> None:
    """Give ansible-runner the hooked ``pexpect`` (idempotent; fails loudly if runner changed)."""
    import ansible_runner.runner as runner_module

    current = getattr(runner_module, "pexpect", None)
    if isinstance(current, HookedPexpect):
        return
    if current is not pexpect:
        raise RuntimeError("ansible_runner.runner no longer starts ansible with pexpect")
    runner_module.pexpect = HookedPexpect()


@contextmanager
def spawn_hooks(on_spawn: Callable[[int], None], launch: Launch | None = None) -> Iterator[None]:
    """Within this block (this thread), ansible-runner's children die with the thread and
    ``on_spawn(pid)`` is told each child's pid, which is also its process group; ``launch``
    is tried first for ``ansible`` itself."""
    install()
    previous = getattr(_local, "hooks", None)
    _local.hooks = _Hooks(on_spawn, launch)
    try:
        yield
    finally:
        _local.hooks = previous
