"""The layer's systemd unit: its text (pure), and installing, enabling, restarting and
removing it with ``systemctl``.

One unit per layer: ``noc-scheduler serve`` runs the scheduler's API, its queue workers and its
loops in one process, so its API and its consumer start, stop and restart together. The config
is read with ``--config`` rather than ``EnvironmentFile=``, so the secrets never enter the
process environment (which the node's Ansible runs would inherit)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from noc_install.errors import InstallError
from noc_install.layers import Layer

UNIT_DIR = Path("/etc/systemd/system")


@dataclass(frozen=True)
class Service:
    layer: Layer
    prefix: Path
    config: Path
    data_dir: Path
    user: str
    group: str
    host: str
    port: int

    @property
    def name(self) -> str:
        return f"{self.layer.command}.service"

    @property
    def command(self) -> list[str]:
        """How the service is started (the unit's ``ExecStart``; printed with --no-systemd)."""
        return [str(self.prefix / "bin" / self.layer.command), "serve", "--config",
                str(self.config), "--host", self.host, "--port", str(self.port)]


def text(service: Service) -> str:
    """The unit file. The node may change its own machine (``local`` tasks) through Ansible, so
    only the backend and scheduler get a read-only system and no home directories."""
    layer = service.layer
    hardening = ["NoNewPrivileges=yes", "PrivateTmp=yes"]
    if layer.name != "node":
        hardening += ["ProtectSystem=full", "ProtectHome=yes"]
    after = "network-online.target postgresql.service redis-server.service"
    lines = [
        "# Written by the noc-orchestrator installer; --upgrade rewrites it.",
        "[Unit]",
        f"Description=noc-orchestrator {layer.name}: {layer.description}",
        "Documentation=file://" + str(service.prefix / "noc-install.json"),
        f"After={after}",
        "Wants=network-online.target",
        "",
        "[Service]",
        "Type=exec",
        f"User={service.user}",
        f"Group={service.group}",
        f"WorkingDirectory={service.data_dir}",
        f"ExecStart={shlex.join(service.command)}",
        "UMask=0077",
        "Restart=on-failure",
        "RestartSec=5",
        "KillMode=mixed",
        "TimeoutStopSec=30",
        *hardening,
        "",
        "[Install]",
        "WantedBy=multi-user.target",
    ]
    return "\n".join(lines) + "\n"


def _systemctl(*args: str) -> None:
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        raise InstallError("systemctl not found: this machine has no systemd (use --no-systemd "
                           "and start the service yourself)")
    done = subprocess.run([systemctl, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise InstallError(f"systemctl {' '.join(args)} failed: {done.stdout.strip()}")


def install(service: Service, unit_dir: Path = UNIT_DIR) -> Path:
    """Write the unit, reload systemd, enable it and (re)start it."""
    path = unit_dir / service.name
    path.write_text(text(service), encoding="utf-8")
    path.chmod(0o644)
    _systemctl("daemon-reload")
    _systemctl("enable", service.name)
    _systemctl("restart", service.name)
    return path


def stop(name: str) -> None:
    _systemctl("stop", name)


def remove(name: str, unit_dir: Path = UNIT_DIR) -> bool:
    """Stop, disable and delete the unit; False when there was none."""
    path = unit_dir / name
    if not path.exists():
        return False
    _systemctl("disable", "--now", name)
    path.unlink()
    _systemctl("daemon-reload")
    return True
