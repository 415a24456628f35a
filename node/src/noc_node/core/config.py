"""Node settings, read once from ``NOC_NODE_*`` environment variables and injected."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from noc_contracts.operability import OperabilitySettings
from noc_contracts.url_list import check_urls, split_urls


class Settings(BaseSettings, OperabilitySettings):
    """Everything a node needs to know; ``token`` is required and never printed."""

    model_config = SettingsConfigDict(env_prefix="NOC_NODE_", extra="ignore")

    name: str = Field(default="local", min_length=1, max_length=100)
    url: str = "http://127.0.0.1:8702"
    #: one scheduler URL, or several separated by commas (schedulers sharing one database):
    #: the node uses the first that answers and moves on when it stops answering
    scheduler_url: str = "http://127.0.0.1:8701"
    token: SecretStr
    data_dir: Path = Path("./var/node")
    queue_url: str = ""
    queue_name: str = ""
    workers: int = Field(default=4, ge=1, le=256)
    forks: int = Field(default=20, ge=1, le=1_000)
    #: the scheduler calls a node down (and fails its steps over) after ~3 missed beats
    heartbeat_s: float = Field(default=3.0, gt=0)
    host_key_checking: bool = False
    #: fork each ``ansible`` run from a process that has imported Ansible once (``noc_node.warm``)
    #: instead of starting it cold (~0.8 CPU-s a run); off: always cold
    warm_ansible: bool = True
    #: module payloads carry the node's Python bytecode beside their sources (with a warm
    #: worker): a module starts in ~35% less CPU on a host whose Python has the node's minor
    #: version, and each task sends ~3x the bytes (~470 KB for a ping instead of ~170 KB);
    #: off for hosts behind slow links
    module_bytecode: bool = True
    log_level: str = "INFO"
    #: the largest request body accepted (a batch of 500 hosts with keys plus a 1 MB file fits)
    max_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    #: serve over TLS with this certificate and key (both or neither)
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    #: a CA bundle the node's client verifies the scheduler with (default: the system's CAs)
    tls_ca_file: Path | None = None
    #: first delay before a failed result delivery is retried; doubles up to ``retry_max_s``
    retry_base_s: float = Field(default=1.0, gt=0)
    retry_max_s: float = Field(default=60.0, gt=0)
    # -- notifications, sent natively by the node (never logged: password, bot token) --
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65_535)
    #: ``starttls`` (submission, 587), ``tls`` (implicit TLS, 465) or ``none`` (trusted relay)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = "noc-orchestrator@localhost"
    #: a CA bundle to trust for the SMTP server's certificate (default: the system's)
    smtp_ca_file: Path | None = None
    smtp_timeout_s: float = Field(default=15.0, gt=0)
    telegram_api_url: str = "https://api.telegram.org"
    telegram_bot_token: SecretStr = SecretStr("")
    telegram_chat_id: str = ""
    telegram_timeout_s: float = Field(default=15.0, gt=0)

    @field_validator("token")
    @classmethod
    def _token_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("NOC_NODE_TOKEN must not be empty")
        return value

    @model_validator(mode="after")
    def _tls_pair(self) -> Settings:
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            missing = "tls_key_file" if self.tls_key_file is None else "tls_cert_file"
            raise ValueError(f"NOC_NODE_{missing.upper()} is needed with the other TLS file")
        return self

    @model_validator(mode="after")
    def _derived_defaults(self) -> Settings:
        self.data_dir = self.data_dir.expanduser().resolve()
        if not self.queue_url:
            self.queue_url = f"sqlite:///{self.data_dir / 'queue.db'}"
        if not self.queue_name:
            self.queue_name = f"noc-node-{self.name}"
        self.scheduler_url = ",".join(check_urls(self.scheduler_url, "NOC_NODE_SCHEDULER_URL"))
        self.telegram_api_url = self.telegram_api_url.rstrip("/")
        return self

    @property
    def scheduler_urls(self) -> list[str]:
        return split_urls(self.scheduler_url)

    @property
    def runs_dir(self) -> Path:
        """Where each task's private ansible-runner directory is created (and removed)."""
        return self.data_dir / "runs"


def tls_verify(settings: Settings) -> ssl.SSLContext | bool:
    """How the node's clients check a scheduler's certificate (NOC_NODE_TLS_CA_FILE)."""
    if settings.tls_ca_file is None:
        return True
    return ssl.create_default_context(cafile=str(settings.tls_ca_file))
