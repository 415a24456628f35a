"""Secrets at rest: Fernet encryption with ``SECRETS_KEY``, and token fingerprints for lookup."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from noc_scheduler.core.errors import SchedulerError


class SecretBox:
    """Encrypts and decrypts text and JSON; never logs or reprs what it holds."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def __repr__(self) -> str:
        return "<SecretBox>"

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:
            raise SchedulerError("stored secret cannot be decrypted with SECRETS_KEY") from exc

    def encrypt_json(self, value: Any) -> str:
        return self.encrypt(json.dumps(value, separators=(",", ":")))

    def decrypt_json(self, token: str) -> Any:
        return json.loads(self.decrypt(token))


def token_sha256(token: str) -> str:
    """The fingerprint a node is looked up by (the token itself is never stored in clear)."""
    return hashlib.sha256(token.encode()).hexdigest()
