"""The config file holds secrets and root writes it: never through a link someone planted, only
in a folder nobody else can write (the rule of ``checks.unsafe_folder``), with its mode and owner
set before a byte is written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from noc_install import accounts, checks, envfile
from noc_install.errors import USAGE

REPO = Path(__file__).resolve().parents[2]
ME = os.getuid()


def test_a_link_planted_where_the_temporary_file_went_is_not_written_through(
        tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("root's own file\n")
    folder = tmp_path / "etc"
    folder.mkdir()
    for name in (".node.env.tmp", ".node.env.tmp.tmp"):  # the old fixed name, and a guess
        (folder / name).symlink_to(victim)
    envfile.write_private(folder / "node.env", "NOC_NODE_TOKEN=secret\n")
    assert victim.read_text() == "root's own file\n"
    assert (folder / "node.env").read_text() == "NOC_NODE_TOKEN=secret\n"
    assert not (folder / "node.env").is_symlink()


def test_a_link_at_the_file_itself_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("root's own file\n")
    link = tmp_path / "node.env"
    link.symlink_to(victim)
    envfile.write_private(link, "NOC_NODE_TOKEN=secret\n")
    assert victim.read_text() == "root's own file\n"
    assert not link.is_symlink() and stat.S_IMODE(link.stat().st_mode) == 0o600


def test_the_mode_and_group_are_set_and_nothing_is_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "backend.env"
    envfile.write_private(path, "x=1\n", os.getuid(), os.getgid(), mode=0o640)
    info = path.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o640, ME, os.getgid())
    assert [p.name for p in tmp_path.iterdir()] == ["backend.env"]


def folder(path: Path, mode: int) -> Path:
    path.mkdir()
    path.chmod(mode)
    return path


def test_a_folder_only_its_owner_writes_is_safe(tmp_path: Path) -> None:
    assert checks.unsafe_folder(folder(tmp_path / "etc", 0o755), ME) is None
    assert checks.unsafe_folder(tmp_path / "etc" / "noc" / "deeper", ME) is None  # to be made


@pytest.mark.parametrize("mode", [0o775, 0o757, 0o1777])
def test_a_folder_others_may_write_is_not(tmp_path: Path, mode: int) -> None:
    loose = folder(tmp_path / "shared", mode)
    problem = checks.unsafe_folder(loose, ME)
    assert problem == f"{loose} is writable by others than its owner (mode {oct(mode)})"
    assert checks.unsafe_folder(loose / "etc", ME) == problem  # we would make a folder in it


def test_a_sticky_folder_above_a_safe_one_is_fine_a_loose_one_is_not(tmp_path: Path) -> None:
    sticky = folder(tmp_path / "tmp", 0o1777)
    assert checks.unsafe_folder(folder(sticky / "etc", 0o755), ME) is None
    loose = folder(tmp_path / "loose", 0o777)
    mine = folder(loose / "etc", 0o755)
    assert checks.unsafe_folder(mine, ME) == (
        f"{loose} is writable by others than its owner (mode 0o777)")


def test_a_link_is_judged_by_where_it_leads(tmp_path: Path) -> None:
    safe = folder(tmp_path / "safe", 0o755)
    loose = folder(tmp_path / "loose", 0o777)
    (tmp_path / "to-safe").symlink_to(safe)
    (tmp_path / "to-loose").symlink_to(loose)
    assert checks.unsafe_folder(tmp_path / "to-safe", ME) is None
    assert "loose is writable by others" in str(checks.unsafe_folder(tmp_path / "to-loose", ME))


@pytest.mark.skipif(os.geteuid() != 0, reason="the rule applies when the installer runs as root")
def test_as_root_a_config_in_a_folder_another_user_can_write_is_refused(tmp_path: Path) -> None:
    loose = folder(tmp_path / "loose", 0o777)
    theirs = folder(tmp_path / "theirs", 0o755)
    os.chown(theirs, 65534, 65534)
    for config in (loose / "backend.env", theirs / "backend.env"):
        prefix = tmp_path / "opt"
        done = subprocess.run(
            [sys.executable, "-S", "-I", str(REPO / "installers" / "backend" / "install"),
             "--no-systemd", "--user", "root", "--prefix", str(prefix), "--config", str(config),
             "--data-dir", str(tmp_path / "data")],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == USAGE, done.stdout + done.stderr
        assert done.stderr.startswith(f"installers/backend/install: --config: {config}: ")
        assert "only root can write" in done.stderr
        assert not prefix.exists() and not (tmp_path / "data").exists()  # nothing changed
        assert not config.exists()


def test_as_root_the_config_is_roots_and_the_service_group_reads_it() -> None:
    service = accounts.Account("noc-node", 990, 985, "/var/lib/noc/node")
    assert accounts.config_owner(service, euid=0) == accounts.Ownership(0, 985, 0o640)
    assert accounts.config_owner(service, euid=1000) == accounts.Ownership(None, None, 0o600)


@pytest.mark.skipif(os.geteuid() != 0, reason="changing owners needs root")
def test_as_root_the_service_user_reads_the_config_and_cannot_change_it() -> None:
    nobody = accounts.lookup("nobody")
    if nobody is None:
        pytest.skip("no user nobody here")
    with tempfile.TemporaryDirectory() as folder:  # pytest's tmp_path is 0700 under 0700
        Path(folder).chmod(0o755)
        service_reads_and_cannot_change(Path(folder), nobody)


def service_reads_and_cannot_change(tmp_path: Path, nobody: accounts.Account) -> None:
    owner = accounts.config_owner(nobody, os.geteuid())
    config = tmp_path / "node.env"
    envfile.write_private(config, "NOC_NODE_TOKEN=secret\n", owner.uid, owner.gid, owner.mode)
    def as_service(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True, user=nobody.uid,
                              group=nobody.gid, extra_groups=[])

    read = as_service(["cat", str(config)])
    assert read.stdout == "NOC_NODE_TOKEN=secret\n", read.stderr
    for attempt in (["sh", "-c", f"echo NOC_NODE_TOKEN=mine > {config}"],
                    ["sh", "-c", f"echo x > {tmp_path}/other.env && mv {tmp_path}/other.env {config}"],
                    ["chmod", "0666", str(config)]):
        assert as_service(attempt).returncode != 0
    assert config.read_text() == "NOC_NODE_TOKEN=secret\n"
    other = subprocess.run(["cat", str(config)], capture_output=True, user=nobody.uid,
                           group=65533 if nobody.gid != 65533 else 65532, extra_groups=[])
    assert other.returncode != 0  # outside the service's group: nothing
