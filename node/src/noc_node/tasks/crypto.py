"""Encrypts task payloads before they enter the queue, so no secret sits in clear in its storage.

The Fernet key is generated once into ``DATA_DIR/queue.key`` (0600) and reused after restarts.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from noc_node.core.errors import PayloadError

logger = logging.getLogger(__name__)


def load_or_create_key(path: Path) -> bytes:
    """The key stored at ``path``, creating it (mode 0600, exclusive create) on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    logger.info("generated a new queue encryption key at %s", path)
    return key


class PayloadCipher:
    """Symmetric encryption of queued payloads (text in, opaque token out)."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def __repr__(self) -> str:
        return "PayloadCipher(<key hidden>)"

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode()
        except (InvalidToken, ValueError) as exc:
            raise PayloadError("queued payload cannot be decrypted with this node's key") from exc
