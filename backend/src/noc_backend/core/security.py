"""Passwords (argon2id), login tokens (random, stored as SHA-256), secrets at rest (Fernet)."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from noc_backend.auth.hash_gate import HashGate
from noc_backend.core.config import Settings

TOKEN_BYTES = 32


class SecretsKeyMismatchError(RuntimeError):
    """Stored secrets cannot be decrypted with the configured SECRETS_KEY."""


class Passwords:
    """Hashes and checks passwords with the configured argon2id cost, through ``gate``.

    Every argon2 run holds a gate slot, so at most ``gate.limit`` run at once
    (``GateBusy`` when no slot frees up in time).
    """

    def __init__(self, hasher: PasswordHasher, gate: HashGate | None = None) -> None:
        self._hasher = hasher
        self.gate = gate if gate is not None else HashGate(2, 10.0)
        self._dummy = str(hasher.hash(secrets.token_urlsafe(16)))

    @classmethod
    def from_settings(cls, settings: Settings) -> Passwords:
        return cls(PasswordHasher(time_cost=settings.argon2_time_cost,
                                  memory_cost=settings.argon2_memory_kib,
                                  parallelism=settings.argon2_parallelism),
                   HashGate(settings.password_hash_concurrency, settings.password_hash_wait_s))

    def hash(self, password: str) -> str:
        with self.gate.slot():
            return str(self._hasher.hash(password))

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; with no hash (unknown user) spends the same time."""
        known = password_hash is not None
        with self.gate.slot():
            try:
                return bool(self._hasher.verify(password_hash or self._dummy, password)) and known
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
