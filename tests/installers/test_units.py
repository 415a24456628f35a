"""The systemd unit: one per layer (the scheduler's API and queue workers are one process),
started from the installed venv with ``--config`` (no EnvironmentFile: secrets stay out of the
process environment), as the layer's user, in its data directory, restarted on failure."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from noc_install import units
from noc_install.layers import LAYERS


def service(layer: str) -> units.Service:
    return units.Service(LAYERS[layer], Path("/opt/noc/x y"), Path("/etc/noc/x.env"),
                         Path("/var/lib/noc/x"), "noc-x", "noc-x", "0.0.0.0", 9000)


@pytest.mark.parametrize("layer", ["backend", "scheduler", "node"])
def test_the_unit_starts_the_installed_serve_with_the_config(layer: str) -> None:
    text = units.text(service(layer))
    lines = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert shlex.split(lines["ExecStart"]) == [
        f"/opt/noc/x y/bin/noc-{layer}", "serve", "--config", "/etc/noc/x.env", "--host",
        "0.0.0.0", "--port", "9000"]
    assert (lines["User"], lines["Group"]) == ("noc-x", "noc-x")
    assert lines["WorkingDirectory"] == "/var/lib/noc/x"
    assert (lines["Restart"], lines["UMask"], lines["WantedBy"]) == (
        "on-failure", "0077", "multi-user.target")
    assert "EnvironmentFile" not in text
    assert service(layer).name == f"noc-{layer}.service"


def test_only_the_node_may_change_its_own_system() -> None:
    assert "ProtectSystem=full" in units.text(service("backend"))
    assert "ProtectSystem=full" in units.text(service("scheduler"))
    assert "ProtectSystem" not in units.text(service("node"))
    assert "NoNewPrivileges=yes" in units.text(service("node"))
