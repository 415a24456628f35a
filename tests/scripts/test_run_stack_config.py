"""The stack ``make run`` builds from what it was given: the node registered under its given
name and workers, the given admin password the one it logs in with."""

from __future__ import annotations

import importlib.util
import signal
from pathlib import Path
from types import ModuleType

import pytest

from noc_devstack.given_settings import split_given
from noc_devstack.stack import LayerFailed, node_capacity
from tests.scripts.make_run import SCRIPT, MakeRun, three_free_ports


def run_stack() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_stack_config", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_given_node_name_workers_and_admin_password_shape_the_stack(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOC_BOOTSTRAP_ADMIN_PASSWORD", raising=False)
    given = split_given({"NOC_NODE_NAME": "edge-1", "NOC_NODE_WORKERS": "7",
                         "NOC_BACKEND_BOOTSTRAP_ADMIN_PASSWORD": "given-admin-pw"})
    cfg = run_stack().stack_config(tmp_path, 9100, given)
    assert (cfg.backend_port, cfg.scheduler_port, cfg.node_port) == (9100, 9101, 9102)
    assert cfg.node_name == "edge-1" and node_capacity(cfg) == 7
    assert cfg.admin_password == "given-admin-pw"


def test_without_given_settings_the_stack_keeps_its_defaults(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOC_BOOTSTRAP_ADMIN_PASSWORD", raising=False)
    cfg = run_stack().stack_config(tmp_path, 8700, split_given({}))
    assert cfg.node_name == "local" and node_capacity(cfg) == 4 and cfg.admin_password is None


@pytest.mark.parametrize("value", ["", "0", "65534", "-1", "abc", "8700.5"])
def test_the_base_port_is_checked_naming_the_variable(value: str) -> None:
    base_port = run_stack().base_port
    if value == "":
        assert base_port({"NOC_RUN_BASE_PORT": value}) == 8700
        return
    with pytest.raises(ValueError, match="NOC_RUN_BASE_PORT must be a port number"):
        base_port({"NOC_RUN_BASE_PORT": value})


@pytest.mark.parametrize("value", ["abc", "0", "-2", "2.5"])
def test_node_workers_that_are_not_a_count_are_named_before_anything_starts(
        tmp_path: Path, value: str) -> None:
    """``NOC_NODE_WORKERS=abc make run``: exit 2 naming the variable, no traceback, nothing
    started or written."""
    run = MakeRun(tmp_path, three_free_ports(), NOC_NODE_WORKERS=value)
    assert run.proc.wait(timeout=60) == 2
    output = run.output()
    assert (f"NOC_NODE_WORKERS must be a whole number from 1 up (the tasks the node runs at "
            f"once), not {value!r}") in output
    assert "Traceback" not in output and "starting backend" not in output
    assert not run.var_dir.exists()


def test_a_layer_killed_by_a_signal_at_start_is_said_so(tmp_path: Path) -> None:
    """A layer that dies at start is described as the supervisor describes one later
    (``layer_report.how_it_ended``): a signal by its name, not a negative exit status."""
    cfg = run_stack().stack_config(tmp_path, 8700, split_given({}))
    failed = LayerFailed("node", -signal.SIGKILL, "gone", "Killed\n")
    message, status = run_stack().start_failed(cfg, failed)
    assert status == 1
    assert message.startswith("could not start the stack: node was killed by SIGKILL at start")
    assert "    Killed" in message
