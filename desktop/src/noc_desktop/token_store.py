"""The login token in the OS keyring, per server and user, with its expiry: the next start skips
the login while it is valid. Without a usable keyring (headless Linux without Secret Service)
or with one that writes plain or merely obfuscated files (``keyrings.alt``'s file backends,
the null backend), the token lives in memory only: it is never written to a file. No Qt here.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import keyring
import keyring.errors

logger = logging.getLogger(__name__)
SERVICE_PREFIX = "noc-orchestrator:"


@dataclass(frozen=True)
class StoredToken:
    token: str
    expires_at: datetime

    def valid(self, now: datetime | None = None) -> bool:
        return self.expires_at > (now or datetime.now(UTC))


def service_name(server_url: str) -> str:
    """The keyring service of one server: ``noc-orchestrator:<server url>``."""
    return SERVICE_PREFIX + server_url


#: backends that store nothing, or store in a file anyone who can read it can decrypt
REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null")
REFUSED_WORDS = ("file", "plaintext")


def refused_backend(backend: object) -> bool:
    """Whether ``backend`` must not hold the token: the fail and null backends, and any whose
    module or class names a file or plaintext store (``keyrings.alt.file.PlaintextKeyring``,
    ``EncryptedKeyring``'s file, and the like)."""
    kind = type(backend)
    module = kind.__module__.lower()
    if module.startswith(REFUSED_MODULES):
        return True
    names = f"{module}.{kind.__qualname__}".lower()
    return any(word in names for word in REFUSED_WORDS)


def keyring_usable() -> bool:
    """Whether the active keyring backend can store the token safely."""
    backend = keyring.get_keyring()
    if refused_backend(backend):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:  # some backends compute priority and may raise
        return False


class TokenStore:
    """Keep, find and forget one token per (server, user)."""

    def __init__(self) -> None:
        self._memory: dict[tuple[str, str], StoredToken] = {}
        #: False when tokens are kept in memory only (the login dialog says so); decided once,
        #: as asking the keyring may cost a D-Bus round trip on Linux
        self.persistent = keyring_usable()

    def save(self, server_url: str, username: str, token: str, expires_at: datetime) -> None:
        stored = StoredToken(token, expires_at)
        self._memory[(server_url, username)] = stored
        if not self.persistent:
            return
        secret = json.dumps({"token": token, "expires_at": expires_at.isoformat()})
        try:
            keyring.set_password(service_name(server_url), username, secret)
        except keyring.errors.KeyringError as exc:
            logger.warning("the keyring refused the token (kept in memory only): %s", exc)

    def load(self, server_url: str, username: str) -> StoredToken | None:
        """The stored token if it has not expired yet (an expired one is forgotten)."""
        stored = self._memory.get((server_url, username)) or self._from_keyring(server_url,
                                                                                 username)
        if stored is None:
            return None
        if not stored.valid():
            self.clear(server_url, username)
            return None
        return stored

    def clear(self, server_url: str, username: str) -> None:
        self._memory.pop((server_url, username), None)
        if not self.persistent:
            return
        try:
            keyring.delete_password(service_name(server_url), username)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            logger.warning("could not remove the token from the keyring: %s", exc)

    def _from_keyring(self, server_url: str, username: str) -> StoredToken | None:
        if not self.persistent:
            return None
        try:
            secret = keyring.get_password(service_name(server_url), username)
        except keyring.errors.KeyringError as exc:
            logger.warning("could not read the keyring: %s", exc)
            return None
        if not secret:
            return None
        try:
            data = json.loads(secret)
            expires_at = datetime.fromisoformat(data["expires_at"])
            return StoredToken(str(data["token"]), expires_at)
        except (ValueError, KeyError, TypeError):
            return None
