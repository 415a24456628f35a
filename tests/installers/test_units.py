"""The systemd unit: one per layer (the scheduler's API and queue workers are one process),
started from the installed venv with ``--config`` (no EnvironmentFile: secrets stay out of the
process environment), as the layer's user, in its data directory, restarted on failure."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from noc_install import options, units
from noc_install.errors import USAGE, InstallError
from noc_install.layers import BACKEND, LAYERS, NODE


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


def systemd_words(line: str) -> list[str]:
    """An ``ExecStart`` line read back as systemd does for what ``exec_line`` writes: words
    split (double quotes, backslash escapes), then ``%%`` and, after the program, ``$$``
    undoubled."""
    words = [w.replace("%%", "%") for w in shlex.split(line)]
    return [words[0], *(w.replace("$$", "$") for w in words[1:])]


ODD = "/srv/50% off/$HOME; x"
ODDER = ODD + ' "q" back\\slash'  # no program runs from here (systemd refuses), a config may


def test_odd_paths_are_written_so_systemd_reads_them_literally() -> None:
    odd = units.Service(BACKEND, Path(ODD), Path(ODDER + ".env"), Path(ODDER + "/data"),
                        "noc-x", "noc-x", "127.0.0.1", 9000)
    lines = dict(line.split("=", 1) for line in units.text(odd).splitlines() if "=" in line)
    assert systemd_words(lines["ExecStart"]) == odd.command
    assert lines["ExecStart"].startswith('"/srv/50%% off/$HOME; x/bin/noc-backend" serve ')
    assert '"/srv/50%% off/$$HOME; x' in lines["ExecStart"]  # in an argument: $$
    assert lines["WorkingDirectory"] == ODDER.replace("%", "%%") + "/data"
    assert lines["Documentation"].startswith("file:///srv/50%%25%%20off/")
    assert " " not in lines["Documentation"]


@pytest.mark.parametrize("bad", ['"', "'", "\\"])
def test_a_prefix_systemd_cannot_start_a_program_from_is_refused(bad: str) -> None:
    with pytest.raises(InstallError) as caught:
        options.parse(BACKEND, ["--prefix", f"/opt/noc/a{bad}b"])
    assert caught.value.status == USAGE and caught.value.message.startswith("--prefix: ")
    with pytest.raises(ValueError, match="quote or a backslash"):
        units.exec_line([f"/opt/a{bad}b/bin/noc-backend", "serve"])


def test_a_control_character_never_reaches_the_unit() -> None:
    injected = Path("/var/lib/noc/x\nExecStartPre=/bin/sh -c 'id > /tmp/owned'")
    service = units.Service(NODE, Path("/opt/noc/node"), Path("/etc/noc/node.env"), injected,
                            "noc-node", "noc-node", "127.0.0.1", 8702)
    with pytest.raises(ValueError, match="control character"):
        units.text(service)


@pytest.mark.parametrize("option", ["--prefix", "--config", "--data-dir"])
@pytest.mark.parametrize("bad", ["\n", "\r", "\t", "\x1b", "\x7f"])
def test_a_path_option_with_a_control_character_is_refused(option: str, bad: str) -> None:
    with pytest.raises(InstallError) as caught:
        options.parse(BACKEND, [option, f"/opt/noc/x{bad}ExecStartPre=/bin/sh"])
    assert caught.value.status == USAGE
    assert caught.value.message.startswith(f"{option}: a path with a control character")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None and not os.environ.get("CI"),
                    reason="no systemd-analyze here")
def test_systemd_finds_the_program_at_an_odd_prefix(tmp_path: Path) -> None:
    """systemd itself reads the unit: ``verify`` fails when ExecStart's program is not there,
    so an odd prefix (``%``, ``$``, a space) resolves to the very file."""
    prefix = tmp_path / "50% $HOME x"
    program = prefix / "bin" / "noc-backend"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    unit = tmp_path / "noc-backend.service"
    unit.write_text(units.text(units.Service(BACKEND, prefix, tmp_path / "b.env", tmp_path,
                                             "root", "root", "127.0.0.1", 9000)))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    program.unlink()  # and the check can fail
    gone = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)],
                          capture_output=True, text=True, timeout=60)
    assert gone.returncode != 0 and "is not executable" in gone.stderr
