"""Passwords (argon2id), login tokens (random, stored as SHA-256), secrets at rest (Fernet)."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from noc_backend.core.config import Settings

TOKEN_BYTES = 32


class SecretsKeyMismatchError(RuntimeError):
    """Stored secrets cannot be decrypted with the configured SECRETS_KEY."""


class Passwords:
    """Hashes and checks passwords with the configured argon2id cost."""

    def __init__(self, hasher: PasswordHasher) -> None:
        self._hasher = hasher
        self._dummy: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Passwords:
        return cls(PasswordHasher(time_cost=settings.argon2_time_cost,
                                  memory_cost=settings.argon2_memory_kib,
                                  parallelism=settings.argon2_parallelism))

    def hash(self, password: str) -> str:
        return str(self._hasher.hash(password))

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; with no hash (unknown user) spends the same time."""
        if password_hash is None:
            if self._dummy is None:
                self._dummy = self.hash(secrets.token_urlsafe(16))
            password_hash, known = self._dummy, False
        else:
            known = True
        try:
            return bool(self._hasher.verify(password_hash, password)) and known
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return bool(self._hasher.check_needs_rehash(password_hash))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_equal(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class SecretBox:
    """Encrypts a dict of secret strings into one Fernet token, and back."""

    fernet: Fernet | MultiFernet

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        """Encrypts with ``SECRETS_KEY``; also decrypts what ``OLD_SECRETS_KEYS`` encrypted."""
        assert settings.secrets_key is not None  # guaranteed by Settings validation
        keys = [settings.secrets_key.get_secret_value(), *settings.previous_keys()]
        return cls(MultiFernet([Fernet(k.encode()) for k in keys]))

    def __repr__(self) -> str:
        return "SecretBox(<hidden>)"

    def seal(self, values: dict[str, str]) -> str:
        return self.fernet.encrypt(json.dumps(values).encode()).decode()

    def open(self, token: str) -> dict[str, str]:
        try:
            data = self.fernet.decrypt(token.encode())
        except InvalidToken as exc:
            raise SecretsKeyMismatchError(
                "a stored credential cannot be decrypted: was NOC_BACKEND_SECRETS_KEY changed?"
            ) from exc
        loaded = json.loads(data)
        return {str(k): str(v) for k, v in loaded.items()}
