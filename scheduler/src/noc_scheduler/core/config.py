"""Scheduler settings from the environment (prefix ``NOC_SCHEDULER_``), built once and injected."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from noc_contracts.operability import OperabilitySettings
from noc_scheduler.core.errors import ConfigError

ENV_PREFIX = "NOC_SCHEDULER_"
#: API requests served at once: FastAPI runs them in anyio's thread pool (40 threads)
API_THREADS = 40
#: background loops using the database: maintenance, fire, event pump, retention
LOOP_THREADS = 4
DEFAULT_WORKERS = 4
#: the pool of a scheduler with the default number of workers (``Settings.pool_size``)
DEFAULT_POOL_SIZE = DEFAULT_WORKERS + API_THREADS + LOOP_THREADS


class Settings(BaseSettings, OperabilitySettings):
    """Everything the scheduler process needs; secrets are ``SecretStr`` so they never print."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = "sqlite:///./var/scheduler.db"
    #: PostgreSQL connections this process keeps (default: one per thread that may hold one,
    #: ``pool_size``); a thread finding them all taken waits, then fails
    database_pool_size: int | None = Field(default=None, ge=1, le=10_000)
    queue_url: str = "sqlite:///./var/scheduler-queue.db"
    queue_name: str = "noc-scheduler"
    secrets_key: SecretStr
    api_token: SecretStr
    backend_url: str = "http://127.0.0.1:8700"
    backend_token: SecretStr = SecretStr("")
    workers: int = Field(default=DEFAULT_WORKERS, ge=1, le=64)
    lease_grace_s: float = Field(default=30.0, ge=0)
    tick_s: float = Field(default=1.0, gt=0)
    #: a node whose last heartbeat is older than this is ``late`` (still given work), and
    #: older than ``node_stale_s`` ``down``: given none, and its dispatched steps end ``lost``
    #: at once and follow their retry policy (failover); nodes beat every 3 s by default
    node_late_s: float = Field(default=5.0, gt=0)
    node_stale_s: float = Field(default=10.0, gt=0)
    #: how long a step waits for a healthy node matching its host's selector (any node when
    #: it has none) before it ends ``error`` saying so
    placement_wait_s: float = Field(default=300.0, ge=0, le=86_400)
    http_timeout_s: float = Field(default=10.0, gt=0)
    #: send host runs waiting on the same step with the same params as one request
    batching: bool = True
    #: how long a dispatch waits for the hosts that were on its host's previous step to have
    #: their results advanced, once none of them still runs it
    batch_window_s: float = Field(default=0.5, ge=0, le=10)
    #: how long it waits while some of them still run it on a node (hosts of one Ansible run
    #: end seconds apart over SSH; a step leaving without them costs another Ansible run)
    batch_wait_running_s: float = Field(default=10.0, ge=0, le=300)
    batch_max_hosts: int = Field(default=500, ge=1, le=10_000)
    #: a lost step is retried only after its lease plus this (or once its node confirms it gone)
    kill_grace_s: float = Field(default=15.0, ge=0)
    #: a dispatch failing transiently (unreachable node, 5xx, 429, ...) is tried this many times
    dispatch_max_attempts: int = Field(default=8, ge=1, le=1_000)
    #: hard bounds on one template evaluation, in sandbox worker processes
    template_timeout_s: float = Field(default=1.0, gt=0, le=60)
    template_max_output_bytes: int = Field(default=2_000_000, ge=1_000, le=100_000_000)
    template_memory_mb: int = Field(default=256, ge=32, le=16_384)
    template_workers: int = Field(default=2, ge=1, le=32)
    #: finished executions (host runs, steps) and delivered events older than this many days
    #: are pruned; 0 keeps them forever
    history_retention_days: int = Field(default=90, ge=0, le=36_500)
    history_prune_interval_s: float = Field(default=3_600.0, gt=0)
    #: rows deleted per transaction while pruning (a big prune never holds the database)
    history_prune_batch: int = Field(default=500, ge=1, le=100_000)
    #: the largest request body accepted (a resolved run carries many hosts)
    max_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    #: serve over TLS with this certificate and key (both or neither)
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    #: a CA bundle the scheduler's clients verify the backend and the nodes with (default: system)
    tls_ca_file: Path | None = None
    #: tests only: read "now" for schedules from this file (see ``noc_scheduler.clockfile``)
    fake_clock_file: str | None = None

    @property
    def pool_size(self) -> int:
        """``database_pool_size``, or a connection for every queue worker, API thread and
        background loop, so no thread ever waits for another's connection."""
        if self.database_pool_size is not None:
            return self.database_pool_size
        return self.workers + API_THREADS + LOOP_THREADS

    @field_validator("secrets_key")
    @classmethod
    def _fernet_key(cls, value: SecretStr) -> SecretStr:
        try:
            Fernet(value.get_secret_value().encode())
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{ENV_PREFIX}SECRETS_KEY is not a valid Fernet key") from exc
        return value

    @model_validator(mode="after")
    def _tls_pair(self) -> Settings:
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            missing = "tls_key_file" if self.tls_key_file is None else "tls_cert_file"
            raise ValueError(f"{ENV_PREFIX}{missing.upper()} is needed with the other TLS file")
        return self

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
            if err["loc"]:
                name = ENV_PREFIX + ".".join(str(p) for p in err["loc"]).upper()
                problems.append(f"{name}: {err['msg']}")
            else:
                problems.append(str(err["msg"]))
        raise ConfigError("invalid scheduler configuration: " + "; ".join(problems)) from exc
