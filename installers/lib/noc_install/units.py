"""The layer's systemd unit: its text (pure), and installing, enabling, restarting and
removing it with ``systemctl``.

One unit per layer: ``noc-scheduler serve`` runs the scheduler's API, its queue workers and its
loops in one process, so its API and its consumer start, stop and restart together. The config
is read with ``--config`` rather than ``EnvironmentFile=``, so the secrets never enter the
process environment (which the node's Ansible runs would inherit)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

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


_PLAIN_WORD = re.compile(r"[A-Za-z0-9_./:@+,=-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _value(value: str) -> str:
    """``value`` as a unit setting holds it literally: ``%`` doubled (systemd's specifiers);
    ValueError for a control character (a line break would start another directive)."""
    if _CONTROL.search(value):
        raise ValueError(f"a control character in {value!r}")
    return value.replace("%", "%%")


def _word(argument: str, program: bool) -> str:
    """One word of ``ExecStart``: double-quoted (``\\`` and ``\"`` escaped) unless plain,
    ``%`` doubled, and ``$`` doubled in the arguments (systemd substitutes variables there, never
    in the program's path)."""
    word = _value(argument)
    if program and any(c in argument for c in "\"'\\"):
        raise ValueError(f"systemd cannot start a program whose path holds a quote or a "
                         f"backslash: {argument!r}")
    if not program:
        word = word.replace("$", "$$")
    if _PLAIN_WORD.fullmatch(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def exec_line(command: list[str]) -> str:
    """``command`` as systemd reads an ``ExecStart=`` line back into the same words."""
    return " ".join(_word(arg, index == 0) for index, arg in enumerate(command))


def text(service: Service) -> str:
    """The unit file. The node may change its own machine (``local`` tasks) through Ansible, so
    only the backend and scheduler get a read-only system and no home directories. Every value
    is written so systemd reads it literally (``_value``, ``exec_line``)."""
    layer = service.layer
    hardening = ["NoNewPrivileges=yes", "PrivateTmp=yes"]
    if layer.name != "node":
        hardening += ["ProtectSystem=full", "ProtectHome=yes"]
    after = "network-online.target postgresql.service redis-server.service"
    lines = [
        "# Written by the noc-orchestrator installer; --upgrade rewrites it.",
        "[Unit]",
        f"Description=noc-orchestrator {layer.name}: {_value(layer.description)}",
        "Documentation=" + _value("file://" + quote(str(service.prefix / "noc-install.json"))),
        f"After={after}",
        "Wants=network-online.target",
        "",
        "[Service]",
        "Type=exec",
        f"User={_value(service.user)}",
        f"Group={_value(service.group)}",
        f"WorkingDirectory={_value(str(service.data_dir))}",
        f"ExecStart={exec_line(service.command)}",
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
