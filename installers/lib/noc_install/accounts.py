"""The system user a layer runs as: found or created (root only), and the ownership and modes
of what it must read and write."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from noc_install.errors import InstallError, usage


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    home: str


def lookup(name: str) -> Account | None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, entry.pw_dir)


def ensure(name: str, home: Path) -> tuple[Account, bool]:
    """The user ``name``, created as a system user (no login, no home made) when missing; True
    when it was created. Not root: only the current user can be used."""
    found = lookup(name)
    if os.geteuid() != 0:
        if found is None or found.uid != os.geteuid():
            raise usage(f"--user {name}: not root, so the service can only run as the current "
                        f"user ({pwd.getpwuid(os.geteuid()).pw_name}); pass --user with it")
        return found, False
    if found is not None:
        return found, False
    useradd = shutil.which("useradd")
    if useradd is None:
        raise InstallError(f"cannot create user {name}: no useradd here (create it, then "
                           f"pass --user {name})")
    shell = "/usr/sbin/nologin" if Path("/usr/sbin/nologin").exists() else "/bin/false"
    run_tool([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", str(home),
              "--shell", shell, name], f"creating the user {name}")
    created = lookup(name)
    if created is None:
        raise InstallError(f"useradd did not create {name}")
    return created, True


def remove(name: str) -> None:
    userdel = shutil.which("userdel")
    if userdel is not None and lookup(name) is not None:
        run_tool([userdel, name], f"removing the user {name}")


def run_tool(command: list[str], what: str) -> None:
    """Run a system tool (useradd, userdel); InstallError with its exit status and output when
    it fails or cannot start."""
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace")
    except OSError as exc:
        raise InstallError(f"{what}: {command[0]} could not run: {exc}") from exc
    if done.returncode != 0:
        output = done.stdout.strip() or "no output"
        raise InstallError(f"{what}: {' '.join(command)} failed (exit {done.returncode}): "
                           f"{output}")


def private_dir(path: Path, account: Account) -> None:
    """``path`` (and missing parents) made; the layer's own directory 0700 and its user's."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    if os.geteuid() == 0:
        os.chown(path, account.uid, account.gid)


@dataclass(frozen=True)
class Ownership:
    uid: int | None  # None: the current user's, as created
    gid: int | None
    mode: int

    def describe(self, account: Account) -> str:
        if self.uid is None:
            return f"{self.mode:04o}, owner {account.name}"
        return f"{self.mode:04o}, root:{group_name(account.gid)}: {account.name} reads it"


def config_owner(account: Account, euid: int) -> Ownership:
    """Who owns the config file. As root: root, group the service's, 0640, so the service reads
    it but cannot change it (the node runs ``local`` Ansible tasks as its user: a procedure must
    not rewrite its token or scheduler URL). Not root: the current user's, 0600."""
    if euid == 0:
        return Ownership(0, account.gid, 0o640)
    return Ownership(None, None, 0o600)


def group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def as_user(account: Account) -> dict[str, object]:
    """``subprocess`` arguments that run a command as ``account`` (when root and another)."""
    if os.geteuid() != 0 or account.uid == 0:
        return {}
    return {"user": account.uid, "group": account.gid, "extra_groups": []}
