"""One run, in a process the warm worker just forked: become a cold ``ansible``, then run it.

The fork already holds Ansible imported; everything else is made as the ``ansible`` that
ansible-runner would have started: a new session whose controlling terminal is the run's pty,
a command line naming the run (so ``noc_node.processes.reap`` and the guardian find it and the
Ansible workers it forks), SIGKILL when the warm worker dies, the run's cwd and environment, and
the Ansible settings read from the per-run variables resolved again (the worker was started
with every other variable as the run has it, ``protocol.base_env``). Nothing of the worker survives
but its imported code: its socket is closed and its exit handlers are dropped. It starts only
on the node's go-ahead (``protocol``), so a run the node gave up on and started cold never
also runs here.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import io
import os
import signal
import sys
import termios
import traceback
import warnings
from pathlib import Path

from noc_node.warm import payloads
from noc_node.warm.protocol import PER_RUN_ENV, read_request
from noc_node.warm.title import set_title

PR_SET_PDEATHSIG = 1
#: exit status of a run that could not become ``ansible``
SETUP_FAILED = 250


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when ``parent`` dies (exit at once if it already has)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0 or os.getppid() != parent:
        os._exit(SETUP_FAILED)


def _take_terminal(tty: int) -> None:
    """Make ``tty`` this run's controlling terminal and its stdin, stdout and stderr;
    ``NotWanted`` when the node already closed the other end (it gave the run up, as when it
    stops during the warm-up run): nothing would read the run's output."""
    try:
        fcntl.ioctl(tty, termios.TIOCSCTTY, 0)
    except OSError as exc:
        if exc.errno == errno.EIO:
            raise NotWanted from exc
        raise
    for target in (0, 1, 2):
        os.dup2(tty, target)
    if tty > 2:
        os.close(tty)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # as a cold ``ansible`` on a terminal
            stream.reconfigure(line_buffering=True)


def reload_ansible_config(names: frozenset[str] = PER_RUN_ENV) -> list[str]:
    """Resolve again the Ansible settings read from the environment variables ``names`` (the
    per-run paths: every other variable is the worker's own); the settings reloaded."""
    from ansible import constants

    config = constants.config
    reloaded = []
    for setting, definition in config.get_configuration_definitions().items():
        if {entry.get("name") for entry in definition.get("env") or []} & names:
            constants.set_constant(setting, config.get_config_value(
                setting, variables=vars(constants)))
            reloaded.append(setting)
    return reloaded


def _run_ansible(argv: list[str]) -> int:
    from ansible.cli.adhoc import main

    sys.argv = list(argv)
    try:
        main(argv)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


class NotWanted(Exception):
    """The node gave up on this run (and started it cold): it must not run here too."""


def _wait_for_go(go: int) -> None:
    """Block until the node says go (one byte); end-of-file means it never will."""
    with os.fdopen(go, "rb", 0) as pipe:
        if not pipe.read(1):
            raise NotWanted


def run(parent: int, close: list[int], tty: int, request: int, go: int,
        cache: Path | None = None) -> None:
    """Never returns: the process exits with Ansible's exit status. ``cache``: the warm
    worker's module payload cache (``noc_node.warm.payloads``)."""
    code = SETUP_FAILED
    try:
        atexit._clear()  # the worker's handlers are not this run's
        os.setsid()
        die_with_parent(parent)
        for fd in close:
            with contextlib.suppress(OSError):
                os.close(fd)
        _wait_for_go(go)
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as pexpect's ignore_sighup
        argv, env, cwd = read_request(request)
        set_title(argv)
        _take_terminal(tty)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        reload_ansible_config()
        if cache is not None:
            payloads.link_run(cache)
        # the worker configured the collection loader with this very configuration
        warnings.filterwarnings("ignore", "AnsibleCollectionFinder has already been configured")
        code = _run_ansible(argv)
        atexit._run_exitfuncs()
    except NotWanted:
        pass
    except BaseException:  # a forked child must never return into the worker's loop
        with contextlib.suppress(Exception):
            traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
