"""SSH connection sharing keyed by credential: one ControlPersist master per credential.

Ansible names a master's socket by local host, remote host, port and user only, so two host
entries for the same address, port and user would share an authenticated master whatever key
each holds. Every SSH host therefore gets ``ansible_control_path_dir`` = a private directory
named by an HMAC (node secret) of its credential's kind and secret values: the same credential
finds its warm master again on the next run, a different or missing one never does. The HMAC
keeps secrets unguessable from directory names, which ssh shows in its process titles.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import stat
from pathlib import Path

from noc_contracts import CredentialSecret

logger = logging.getLogger(__name__)

#: sun_path holds 107 bytes; ssh adds ``.`` + 16 random chars while it binds, Ansible a
#: ``/`` + 10 hex chars, we ``/`` + 32 hex chars: what is left for the base directory
MAX_SOCKET_PATH = 107
DIGEST_CHARS = 32
RESERVED = 1 + DIGEST_CHARS + 1 + 10 + 17
MAX_BASE = MAX_SOCKET_PATH - RESERVED


class UnsafeControlDir(Exception):
    """The fallback directory exists but is not ours alone (a symlink, another owner, open)."""


def private_dir(path: Path) -> Path:
    """Create ``path`` 0700, or accept it only if it is a real dir we own, closed to others."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise UnsafeControlDir(f"{path} is not a directory")
    if info.st_uid != os.getuid():
        raise UnsafeControlDir(f"{path} is owned by uid {info.st_uid}")
    if info.st_mode & 0o077:
        raise UnsafeControlDir(f"{path} is open to others (mode {info.st_mode & 0o777:o})")
    return path


def choose_base(data_dir: Path, tmp: Path = Path("/tmp")) -> Path:
    """``DATA_DIR/cp`` when its sockets fit in a Unix path, else a private per-node dir in /tmp."""
    preferred = data_dir / "cp"
    if len(os.fsencode(preferred)) <= MAX_BASE:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return private_dir(preferred)
    tag = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:12]
    return private_dir(tmp / f"noc-cp-{os.getuid()}-{tag}")


def identity(credential: CredentialSecret | None) -> bytes:
    """What makes two hosts' credentials the same: kind and every secret value (not the name)."""
    if credential is None:
        return b"none"
    secrets = {name: None if value is None else value.get_secret_value() for name, value in (
        ("private_key", credential.private_key), ("passphrase", credential.passphrase),
        ("password", credential.password), ("become_password", credential.become_password))}
    return json.dumps({"kind": credential.kind, **secrets}, sort_keys=True).encode()


class ControlDirs:
    """Per-credential control directories under one private base (``None``: no sharing)."""

    def __init__(self, base: Path | None, key: bytes) -> None:
        self.base = base
        self._key = hmac.new(key, b"noc-node ssh control dirs v1", hashlib.sha256).digest()

    def __repr__(self) -> str:
        return f"ControlDirs({self.base})"

    @classmethod
    def for_node(cls, data_dir: Path, key: bytes) -> ControlDirs:
        """The node's control dirs; connection sharing is off if no private base can be had."""
        try:
            base: Path | None = choose_base(data_dir)
        except (OSError, UnsafeControlDir) as exc:
            logger.error("SSH connection sharing disabled: no private control directory (%s)",
                         exc)
            base = None
        return cls(base, key)

    def dir_for(self, credential: CredentialSecret | None) -> Path | None:
        """The (created, 0700) control directory for hosts using ``credential``."""
        if self.base is None:
            return None
        name = hmac.new(self._key, identity(credential), hashlib.sha256).hexdigest()
        path = self.base / name[:DIGEST_CHARS]
        path.mkdir(mode=0o700, exist_ok=True)
        return path
