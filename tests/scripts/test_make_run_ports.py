"""A taken port is named clearly, with the way out, and never buried under old log lines:
before ``make run`` starts anything, and when a layer dies at start because of one."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from noc_devstack import start_stack
from noc_devstack.given_settings import split_given
from noc_devstack.stack import LayerFailed
from tests.scripts.make_run import SCRIPT, MakeRun, processes_in, three_free_ports


def run_stack() -> ModuleType:
    """``scripts/run_stack.py`` loaded as a module (scripts are not a package)."""
    spec = importlib.util.spec_from_file_location("run_stack_ports", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def listening(port: int) -> Iterator[None]:
    """Another program on ``port``: a socket that listens and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
        yield


@pytest.fixture
def occupied() -> Iterator[int]:
    """A base port whose second port (the scheduler's) another program listens on."""
    base = three_free_ports()
    with listening(base + 1):
        yield base


def test_a_taken_port_is_named_before_anything_starts(tmp_path: Path, occupied: int) -> None:
    run = MakeRun(tmp_path, occupied)
    assert run.proc.wait(timeout=60) == 2
    output = run.output()
    assert (f"port {occupied + 1} (scheduler) is in use by another program; stop it or choose "
            "other ports with NOC_RUN_BASE_PORT=") in output
    suggested = int(output.split("NOC_RUN_BASE_PORT=")[1].split()[0])
    assert suggested != occupied
    assert "starting backend" not in output and not (tmp_path / "var" / "log").exists()


def test_a_base_port_that_is_not_a_port_is_refused_naming_the_variable(tmp_path: Path) -> None:
    env = {"NOC_RUN_BASE_PORT": "87o0", "NOC_RUN_VAR_DIR": str(tmp_path / "var"),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "NOC_RUN_BASE_PORT must be a port number" in done.stderr and "'87o0'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.e2e
def test_a_layer_that_dies_at_start_on_a_taken_port_is_named_without_old_log_lines(
        tmp_path: Path) -> None:
    """The port taken after the check (another program was quicker): the node dies at
    start; make run names the port, and only this start's log lines were looked at."""
    launcher = run_stack()
    var_dir = tmp_path / "var"
    (var_dir / "log").mkdir(parents=True)
    (var_dir / "log" / "node.log").write_text(
        "OLD RUN: sqlite3.OperationalError: database is locked\n" * 50)
    base = three_free_ports()
    cfg = launcher.stack_config(var_dir, base, split_given({}))
    with listening(base + 2), pytest.raises(LayerFailed) as failed:
        start_stack(cfg)
    assert failed.value.layer == "node" and failed.value.returncode not in (None, 0)
    assert "OLD RUN" not in failed.value.log_text and "OLD RUN" not in str(failed.value)
    message, status = launcher.start_failed(cfg, failed.value)
    assert status == 2
    assert message.startswith(f"port {base + 2} (node) is in use by another program; "
                              "stop it or choose other ports with NOC_RUN_BASE_PORT=")
    assert processes_in(var_dir) == []  # what did start was stopped
