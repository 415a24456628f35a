"""The node's own environment (``NOC_*``: its token, ...) never reaches a process that
ansible-runner starts, whether runner passes an environment or lets the child inherit ours."""

from __future__ import annotations

from typing import Any

import pytest

from noc_node.processes.spawn import HookedPexpect, spawn_hooks

SECRET = "spawn-secret-7c41d2"


def _environment_seen(**kwargs: Any) -> str:
    with spawn_hooks(lambda _: None):
        child = HookedPexpect.spawn("sh", ["-c", "env"], echo=False, **kwargs)
    output: bytes = child.read()
    child.close()
    return output.decode()


@pytest.mark.parametrize("passed", [False, True], ids=["inherited", "passed"])
def test_the_node_token_never_reaches_the_child(monkeypatch: pytest.MonkeyPatch,
                                                passed: bool) -> None:
    monkeypatch.setenv("NOC_NODE_TOKEN", SECRET)
    monkeypatch.setenv("SPAWN_MARKER", "kept")
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    env = ({"NOC_NODE_TOKEN": SECRET, "SPAWN_MARKER": "kept", "PYTHONUNBUFFERED": "1"}
           if passed else None)
    seen = _environment_seen(env=env)
    assert "SPAWN_MARKER=kept" in seen  # the rest of the environment is there
    assert SECRET not in seen and "NOC_" not in seen
    # the node's log setting would have modules read their code one byte per system call
    assert "PYTHONUNBUFFERED" not in seen
