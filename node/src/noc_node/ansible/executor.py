"""The executor that runs a request as ONE ad-hoc ansible-runner run over all its hosts.

Each run gets a fresh 0700 private data dir under ``DATA_DIR/runs/<task_id>`` holding the
inventory (0600) and key files (0600); it exists only while the run is alive: removed at the
end whatever happened, and by the guardian (``noc_node.processes.guardian``) when the node
dies. The ``ansible`` process leads its own process group, dies with the worker thread that
started it (``noc_node.processes.spawn``) and is recorded with the guardian. Every SSH host gets
the control socket directory of its credential (``noc_node.ansible.control``). With a warm
worker (``noc_node.warm``) the ``ansible`` process is forked from one that has already imported
Ansible instead of started cold; everything else about the run is the same.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import ansible_runner

from noc_contracts import HostResult, StepStatus, TaskRequest
from noc_node.ansible.control import ControlDirs
from noc_node.ansible.facts import READ_ONLY, normalize
from noc_node.ansible.inventory import build_inventory
from noc_node.ansible.modules import module_args_json, module_for, validate_params
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import EVENT_STATUS, RunEnd, from_event, now, runner_end
from noc_node.processes.guardian import Guardian
from noc_node.processes.reap import confirm_gone
from noc_node.processes.spawn import spawn_hooks
from noc_node.warm.terminal import launcher
from noc_node.warm.worker import WarmWorker

logger = logging.getLogger(__name__)

POLL_S = 0.5
#: the warm-up run's directory under the runs dir; a task's never starts with a dot
WARM_UP_DIR = ".warm-up"
#: the node's own Ansible modules (``noc_http_check``, ``noc_user``)
LIBRARY_DIR = Path(__file__).parent / "library"


def ansible_env(host_key_checking: bool, run_dir: Path) -> dict[str, str]:
    """Environment for the ``ansible`` process: no secrets here, ever."""
    env = {
        "ANSIBLE_PIPELINING": "True",
        "ANSIBLE_HOST_KEY_CHECKING": str(host_key_checking),
        "ANSIBLE_TIMEOUT": "10",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_NOCOWS": "1",
        "ANSIBLE_DEPRECATION_WARNINGS": "False",
        "ANSIBLE_LOCAL_TEMP": str(run_dir / "tmp"),
        "ANSIBLE_LIBRARY": str(LIBRARY_DIR),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        # the ansible executables live next to our interpreter (venv-installed node)
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    ssh_args = "-o ControlMaster=auto -o ControlPersist=60s"
    if not host_key_checking:
        ssh_args += " -o UserKnownHostsFile=/dev/null"
    env["ANSIBLE_SSH_ARGS"] = ssh_args
    return env


def run_dir_for(runs_dir: Path, task_id: str) -> Path:
    """Where the run of ``task_id`` keeps its private data."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in task_id).lstrip(".")
    return runs_dir / (safe or "task")


def fresh_dir(run_dir: Path) -> Path:
    """``run_dir`` empty and 0700, its parent made 0700 if missing (a leftover from a crash is
    removed first)."""
    run_dir.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(mode=0o700)
    return run_dir


class AnsibleRunnerExecutor(BaseExecutor):
    """Runs the catalogue's module with ansible-runner in the calling (worker) thread.

    ``control`` gives SSH hosts per-credential control directories (default: under
    ``runs_dir``'s parent, keyed by a random per-process secret); ``guardian`` is told about
    every run dir and process group (None: no guardian, as in executor-only tests); ``warm``
    forks each ``ansible`` from a warm worker (None: every run starts a cold one).
    """

    def __init__(self, runs_dir: Path, forks: int = 20, host_key_checking: bool = False,
                 control: ControlDirs | None = None, guardian: Guardian | None = None,
                 warm: WarmWorker | None = None) -> None:
        self.runs_dir = runs_dir
        self.forks = forks
        self.host_key_checking = host_key_checking
        self.control = control or ControlDirs.for_node(runs_dir.parent, os.urandom(32))
        self.guardian = guardian
        self._warm = warm
        self._launch = None if warm is None else launcher(warm)

    def warm_up(self) -> None:
        """Start the warm worker now rather than in the first task: one run of ``ping`` over
        an empty inventory (nothing is contacted) through the very path a task takes, so the
        worker is started with the environment tasks run with. Never a cold run: without a
        warm worker there is nothing to warm up."""
        if self._warm is None:
            return
        with self._run_dir(self.runs_dir / WARM_UP_DIR) as (run_dir, spawned), \
                spawn_hooks(spawned, launcher(self._warm, cold_fallback=False)):
            runner = ansible_runner.run(
                **self._runner_args(run_dir), ident="warm-up", module="ansible.builtin.ping",
                inventory={"all": {"hosts": {}}}, timeout=60)
        logger.info("warm-up run ended %s (rc=%s)", runner.status, runner.rc)

    @contextmanager
    def _run_dir(self, run_dir: Path) -> Iterator[tuple[Path, Callable[[int], None]]]:
        """A fresh 0700 ``run_dir`` the guardian knows of (before any key is written into it)
        and the callback telling it each process group; on the way out what the run left is
        killed and the dir removed, again if a dying process wrote into it."""
        fresh_dir(run_dir)
        guardian = self.guardian
        if guardian is not None:
            guardian.run_started(run_dir)

        def spawned(pgid: int) -> None:
            if guardian is not None:
                guardian.group_started(run_dir, pgid)

        try:
            yield run_dir, spawned
        finally:
            confirm_gone(run_dir)
            if guardian is not None:
                guardian.run_done(run_dir)

    def _runner_args(self, run_dir: Path) -> dict[str, Any]:
        """What every ansible-runner run of this executor shares (the warm worker is started
        with the environment of the first, so the warm-up and the tasks must agree)."""
        return {"private_data_dir": str(run_dir), "quiet": True,
                # the inventory holds exactly the run's hosts; their names are data, never a
                # pattern
                "host_pattern": "all",
                "envvars": ansible_env(self.host_key_checking, run_dir),
                "suppress_env_files": True,
                # how often runner polls cancel_callback and the timeout while output is quiet
                "settings": {"pexpect_timeout": POLL_S}}

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        module, args = module_for(request.task_type, request.params)
        params = validate_params(request.task_type, request.params).model_dump(mode="json")
        check = request.check_mode and request.task_type not in READ_ONLY
        with self._run_dir(run_dir_for(self.runs_dir, request.task_id)) as (run_dir, spawned):
            inventory = build_inventory(request.hosts, run_dir, self.control)
            if inventory.problems:
                report([HostResult(host=name, status=StepStatus.error, msg=problem,
                                   started_at=started_at, finished_at=now())
                        for name, problem in inventory.problems.items()])
            names = inventory.host_names
            if not names:
                return RunEnd(StepStatus.error, "no runnable host")

            def on_event(event: dict[str, Any]) -> bool:
                kind = event.get("event", "")
                data = event.get("event_data") or {}
                if kind in EVENT_STATUS and data.get("host") in names:
                    res = data.get("res")
                    res = res if isinstance(res, dict) else {}
                    result = from_event(kind, data["host"], res, started_at)
                    report([normalize(request.task_type, params, result)])
                return True

            with spawn_hooks(spawned, self._launch):
                runner = ansible_runner.run(
                    **self._runner_args(run_dir), ident=request.task_id,
                    module=module, module_args=module_args_json(args), inventory=inventory.data,
                    forks=min(self.forks, len(names)), timeout=request.timeout_s,
                    cancel_callback=cancel.is_set, event_handler=on_event,
                    cmdline="--check" if check else None)
            logger.info("task %s: ansible-runner ended %s (rc=%s)", request.task_id,
                        runner.status, runner.rc)
            return runner_end(str(runner.status), runner.rc, request.timeout_s)
