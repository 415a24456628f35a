"""Backend settings, read from ``NOC_BACKEND_*`` environment variables; built once, injected."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from noc_contracts.operability import OperabilitySettings
from noc_contracts.url_list import check_urls, split_urls

ENV_PREFIX = "NOC_BACKEND_"
_PLACEHOLDERS = {"", "changethis", "change-me", "changeme", "secret", "placeholder", "xxx"}


def _is_fernet_key(value: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(value.encode())) == 32
    except (binascii.Error, ValueError):
        return False


class Settings(BaseSettings, OperabilitySettings):
    """Everything the backend is configured with. Secrets are ``SecretStr`` (hidden in reprs)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = "sqlite:///./var/backend.db"
    secrets_key: SecretStr | None = Field(
        default=None, description="Fernet key encrypting credentials at rest (required)")
    old_secrets_keys: SecretStr | None = Field(
        default=None, description="comma-separated previous Fernet keys, still read after a "
        "key rotation (never used to encrypt)")
    #: one scheduler URL, or several separated by commas (schedulers sharing one database):
    #: the client uses the first that answers and moves on when it stops answering
    scheduler_url: str = "http://127.0.0.1:8701"
    scheduler_token: SecretStr | None = None
    scheduler_timeout_s: float = Field(default=10.0, gt=0)
    internal_token: SecretStr | None = None
    bootstrap_admin_password: SecretStr | None = None
    token_ttl_s: int = Field(default=43_200, ge=60)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # argon2id cost; tests lower these to keep hashing fast.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65_536, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)
    # at most this many argon2 runs at once (each takes argon2_memory_kib); a login waits
    # password_hash_wait_s for a slot, then answers 503 busy
    password_hash_concurrency: int = Field(default=2, ge=1, le=64)
    password_hash_wait_s: float = Field(default=5.0, gt=0, le=60)
    # failed logins allowed per username / per client address within login_window_s (429)
    login_max_failures_per_user: int = Field(default=5, ge=1)
    login_max_failures_per_address: int = Field(default=20, ge=1)
    login_window_s: int = Field(default=300, ge=1)
    # request bodies over these are answered 413 before they are read (or any token checked)
    max_body_bytes: int = Field(default=1 << 20, ge=1_024)
    max_import_bytes: int = Field(default=16 << 20, ge=1_024,
                                  description="the limit of POST /api/v1/inventory/import")
    #: finished executions (hosts, steps, events) older than this many days are pruned; 0 keeps
    #: them forever. The audit log is never pruned.
    history_retention_days: int = Field(default=90, ge=0, le=36_500)
    history_prune_interval_s: float = Field(default=3_600.0, gt=0)
    #: rows deleted per transaction while pruning (a big prune never holds the database)
    history_prune_batch: int = Field(default=500, ge=1, le=100_000)
    #: serve HTTPS with this certificate chain and key (both or neither)
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    #: the CA bundle the scheduler client verifies the scheduler with (default: the system's)
    tls_ca_file: Path | None = None

    @model_validator(mode="after")
    def _scheduler_urls(self) -> Settings:
        check_urls(self.scheduler_url, f"{ENV_PREFIX}SCHEDULER_URL")
        return self

    @property
    def scheduler_urls(self) -> list[str]:
        """``SCHEDULER_URL`` split at commas, blanks and trailing slashes dropped."""
        return split_urls(self.scheduler_url)

    @model_validator(mode="after")
    def _tls_files(self) -> Settings:
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            missing = "TLS_KEY_FILE" if self.tls_key_file is None else "TLS_CERT_FILE"
            raise ValueError(f"{ENV_PREFIX}{missing} is needed with the other TLS file")
        for name in ("tls_cert_file", "tls_key_file", "tls_ca_file"):
            path: Path | None = getattr(self, name)
            if path is not None and not path.is_file():
                raise ValueError(f"{ENV_PREFIX}{name.upper()}: no such file: {path}")
        return self

    @model_validator(mode="after")
    def _refuse_bad_secrets(self) -> Settings:
        key = self.secrets_key.get_secret_value() if self.secrets_key else ""
        if key.strip().lower() in _PLACEHOLDERS:
            raise ValueError(
                f"{ENV_PREFIX}SECRETS_KEY is required and must not be a placeholder; generate "
                "one with `noc-backend generate-key`")
        if not _is_fernet_key(key):
            raise ValueError(
                f"{ENV_PREFIX}SECRETS_KEY is not a Fernet key (32 url-safe base64-encoded bytes); "
                "generate one with `noc-backend generate-key`")
        for old_key in self.previous_keys():
            if not _is_fernet_key(old_key):
                raise ValueError(f"{ENV_PREFIX}OLD_SECRETS_KEYS holds a value that is not a "
                                 "Fernet key (comma-separated keys expected)")
        for name in ("internal_token", "scheduler_token", "bootstrap_admin_password"):
            value: SecretStr | None = getattr(self, name)
            if value is not None and value.get_secret_value().strip().lower() in _PLACEHOLDERS:
                raise ValueError(f"{ENV_PREFIX}{name.upper()} must not be empty or a placeholder")
        if self.argon2_memory_kib < 8 * self.argon2_parallelism:
            raise ValueError(f"{ENV_PREFIX}ARGON2_MEMORY_KIB must be at least 8 x parallelism")
        return self

    def previous_keys(self) -> list[str]:
        """The keys of ``OLD_SECRETS_KEYS``, in order, blanks dropped."""
        if self.old_secrets_keys is None:
            return []
        return [k.strip() for k in self.old_secrets_keys.get_secret_value().split(",")
                if k.strip()]
