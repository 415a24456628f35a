"""A throw-away local account with a password, for SSH password-credential tests (root only)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.services import require


@contextmanager
def temporary_user(prefix: str = "noctest") -> Iterator[tuple[str, str]]:
    """Create ``<prefix><random>`` with a random password; yields (name, password); removed."""
    require(os.geteuid() == 0 and shutil.which("useradd") is not None,
            "creating a local account needs root and useradd")
    name = f"{prefix}{secrets.token_hex(3)}"
    password = "Pw-" + secrets.token_urlsafe(18)
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=True,
                   capture_output=True)
    try:
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n".encode(), check=True,
                       capture_output=True)
        yield name, password
    finally:
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        subprocess.run(["userdel", "--remove", name], capture_output=True)
