"""What the installer checks before it changes anything: a refusal (exit 2, naming the option)
leaves the machine as it was. The admin's password when the node is registered, the peer's
tokens, the Python; data and config never inside the prefix (``--uninstall`` removes it); a data
folder holding something else never taken; ``--purge`` removes only what the installer made."""

from __future__ import annotations

import json
import os
import pwd
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from noc_install import datadir
from noc_install.errors import USAGE, InstallError

REPO = Path(__file__).resolve().parents[2]
ME = pwd.getpwuid(os.getuid()).pw_name


def installer(layer: str, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NOC_")}
    return subprocess.run([sys.executable, "-S", "-I", str(REPO / "installers" / layer / "install"),
                           *argv], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, env={**environ, **env})


def places(root: Path, layer: str = "backend") -> list[str]:
    """Where a test installs; offline from an empty wheel folder, so an install the checks
    failed to stop ends at pip, quickly and without the network."""
    wheels = root / "wheels"
    wheels.mkdir(exist_ok=True)
    return ["--no-systemd", "--user", ME, "--prefix", str(root / "opt" / layer), "--config",
            str(root / "etc" / f"{layer}.env"), "--data-dir", str(root / "data" / layer),
            "--wheels", str(wheels)]


def refused(done: subprocess.CompletedProcess[str], layer: str, starts: str) -> str:
    assert done.returncode == USAGE, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.startswith(f"installers/{layer}/install: {starts}"), message
    return message


def unchanged(root: Path) -> None:
    """Nothing was made under ``root`` but what the test put there."""
    assert not (root / "opt").exists() and not (root / "etc").exists()
    assert not (root / "data").exists()


def test_a_node_registered_without_a_password_is_refused_before_anything(tmp_path: Path) -> None:
    done = installer("node", *places(tmp_path, "node"), "--backend-url", "http://127.0.0.1:9")
    message = refused(done, "node", "registering the node needs the admin's password")
    assert "NOC_INSTALL_ADMIN_PASSWORD" in message
    unchanged(tmp_path)


def test_a_peer_config_without_its_tokens_or_unreadable_is_refused(tmp_path: Path) -> None:
    peer = tmp_path / "scheduler.env"
    peer.write_text("NOC_SCHEDULER_API_TOKEN=x\n")
    done = installer("backend", *places(tmp_path), "--peer-config", str(peer))
    assert "NOC_SCHEDULER_BACKEND_TOKEN" in refused(done, "backend", "--peer-config: ")
    peer.write_bytes(b"\xff\xfe not text")
    done = installer("backend", *places(tmp_path), "--peer-config", str(peer))
    assert "cannot be read" in refused(done, "backend", f"--peer-config: {peer}")
    unchanged(tmp_path)


@pytest.mark.parametrize(("python", "said"), [
    ("/nonexistent/python3", "cannot run"),
    ("/bin/false", "cannot make a venv"),
])
def test_a_python_that_cannot_make_the_venv_is_refused(tmp_path: Path, python: str,
                                                       said: str) -> None:
    done = installer("scheduler", *places(tmp_path, "scheduler"), "--python", python)
    assert said in refused(done, "scheduler", f"--python: {python}")
    unchanged(tmp_path)


@pytest.mark.parametrize(("where", "option"), [
    ({"--data-dir": "opt/backend/data"}, "--data-dir"),
    ({"--config": "opt/backend/etc/backend.env"}, "--config"),
    ({"--data-dir": "opt"}, "--data-dir"),  # holds the prefix: its user could change the code
])
def test_data_and_config_live_apart_from_the_code(tmp_path: Path, where: dict[str, str],
                                                  option: str) -> None:
    argv = places(tmp_path)
    for name, relative in where.items():
        argv[argv.index(name) + 1] = str(tmp_path / relative)
    refused(installer("backend", *argv), "backend", f"{option}: ")
    unchanged(tmp_path)


def test_a_data_folder_holding_something_else_is_refused_and_left_as_it_was(
        tmp_path: Path) -> None:
    shared = tmp_path / "data" / "backend"
    shared.mkdir(parents=True)
    shared.chmod(0o755)
    (shared / "someone-elses.txt").write_text("theirs\n")
    message = refused(installer("backend", *places(tmp_path)), "backend", "--data-dir: ")
    assert "is not empty" in message
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert [p.name for p in shared.iterdir()] == ["someone-elses.txt"]
    assert not (tmp_path / "opt").exists() and not (tmp_path / "etc").exists()


def test_which_data_folder_the_installer_takes(tmp_path: Path) -> None:
    folder = tmp_path / "backend"
    assert datadir.judge(folder, "backend") == datadir.Use(created=True)  # made
    folder.mkdir()
    assert datadir.judge(folder, "backend") == datadir.Use(created=False)  # empty: used
    datadir.mark(folder, "backend", datadir.Use(created=True))
    (folder / "backend.db").write_text("rows")
    # an uninstall kept it: the same layer takes it again, another layer does not
    assert datadir.judge(folder, "backend") == datadir.Use(created=True)
    with pytest.raises(InstallError, match=r"\(no \.noc-install\.json of the node\)"):
        datadir.judge(folder, "node")
    (folder / datadir.MARK).unlink()
    with pytest.raises(InstallError, match="is not empty"):
        datadir.judge(folder, "backend")
    # an install made before the mark existed: its recorded folder is its own
    assert datadir.judge(folder, "backend", installed_here=True) == datadir.Use(created=False)
    link = tmp_path / "link"
    link.symlink_to(folder)
    with pytest.raises(InstallError, match="symbolic link"):
        datadir.judge(link, "backend")


def record(prefix: Path, config: Path, data: Path, created: bool) -> None:
    prefix.mkdir(parents=True)
    (prefix / "noc-install.json").write_text(json.dumps({
        "layer": "backend", "config": str(config), "data_dir": str(data), "user": ME,
        "user_created": False, "host": "127.0.0.1", "port": 8700, "systemd": False,
        "unit": "noc-backend.service", "installed_at": "x", "data_dir_created": created}))


@pytest.mark.parametrize("created", [True, False])
def test_purge_removes_the_folder_it_made_and_only_empties_one_it_was_given(
        tmp_path: Path, created: bool) -> None:
    prefix, config, data = tmp_path / "opt", tmp_path / "backend.env", tmp_path / "data"
    record(prefix, config, data, created)
    config.write_text("NOC_BACKEND_SECRETS_KEY=x\n")
    (data / "runs").mkdir(parents=True)
    (data / "backend.db").write_text("rows")
    done = installer("backend", "--uninstall", "--purge", "--prefix", str(prefix))
    assert done.returncode == 0, done.stderr
    assert not prefix.exists() and not config.exists()
    if created:
        assert not data.exists() and f"data {data} removed" in done.stdout
    else:
        assert data.is_dir() and not any(data.iterdir()) and "emptied" in done.stdout


def test_uninstall_refuses_to_remove_a_prefix_holding_the_data(tmp_path: Path) -> None:
    prefix = tmp_path / "opt"
    record(prefix, tmp_path / "backend.env", prefix / "data", created=True)
    (prefix / "data").mkdir()
    (prefix / "data" / "backend.db").write_text("rows")
    refused(installer("backend", "--uninstall", "--prefix", str(prefix)), "backend",
            "--data-dir: ")
    assert (prefix / "data" / "backend.db").read_text() == "rows"
