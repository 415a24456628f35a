"""Scheduler settings from the environment (prefix ``NOC_SCHEDULER_``), built once and injected."""

from __future__ import annotations

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from noc_scheduler.core.errors import ConfigError

ENV_PREFIX = "NOC_SCHEDULER_"


class Settings(BaseSettings):
    """Everything the scheduler process needs; secrets are ``SecretStr`` so they never print."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = "sqlite:///./var/scheduler.db"
    queue_url: str = "sqlite:///./var/scheduler-queue.db"
    queue_name: str = "noc-scheduler"
    secrets_key: SecretStr
    api_token: SecretStr
    backend_url: str = "http://127.0.0.1:8700"
    backend_token: SecretStr = SecretStr("")
    workers: int = Field(default=4, ge=1, le=64)
    lease_grace_s: float = Field(default=30.0, ge=0)
    tick_s: float = Field(default=1.0, gt=0)
    node_stale_s: float = Field(default=30.0, gt=0)
    http_timeout_s: float = Field(default=10.0, gt=0)
    #: send host runs waiting on the same step with the same params as one request
    batching: bool = True
    #: how long a dispatch waits for the rest of its host's previous batch to catch up
    batch_window_s: float = Field(default=0.5, ge=0, le=10)
    batch_max_hosts: int = Field(default=500, ge=1, le=10_000)
    #: tests only: read "now" for schedules from this file (see ``noc_scheduler.clockfile``)
    fake_clock_file: str | None = None

    @field_validator("secrets_key")
    @classmethod
    def _fernet_key(cls, value: SecretStr) -> SecretStr:
        try:
            Fernet(value.get_secret_value().encode())
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{ENV_PREFIX}SECRETS_KEY is not a valid Fernet key") from exc
        return value

    @field_validator("api_token")
    @classmethod
    def _token_set(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 8:
            raise ValueError(f"{ENV_PREFIX}API_TOKEN must be at least 8 characters")
        return value


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning a missing or bad value into a message naming its env var."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ENV_PREFIX + ".".join(str(p) for p in err["loc"]).upper()
            problems.append(f"{name}: {err['msg']}")
        raise ConfigError("invalid scheduler configuration: " + "; ".join(problems)) from exc
