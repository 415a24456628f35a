"""The operability settings every server layer reads under its own prefix
(``NOC_<LAYER>_LOG_FORMAT``, ``_LOG_FILE``, ``_LOG_MAX_BYTES``, ``_LOG_BACKUPS``,
``_METRICS_TOKEN``): a mixin each layer's ``Settings`` inherits, so the names, defaults and
checks are the same everywhere."""

from __future__ import annotations

import logging
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator

from noc_contracts import logsetup
from noc_contracts.logsetup import DEFAULT_BACKUPS, DEFAULT_MAX_BYTES

#: the shortest metrics token accepted (a scraper's secret, not a password to remember)
MIN_METRICS_TOKEN = 16


class OperabilitySettings(BaseModel):
    """Logs (format, file and its rotation) and the token of ``GET /metrics``."""

    #: ``text`` lines, or one JSON object per line
    log_format: Literal["text", "json"] = "text"
    #: empty: stderr; a path: a rotating file, created 0600
    log_file: str = ""
    log_max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1024)
    log_backups: int = Field(default=DEFAULT_BACKUPS, ge=0, le=1000)
    #: empty: ``/metrics`` answers 404; set: it answers a ``Bearer`` request with this token
    metrics_token: SecretStr | None = None

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if len(value.get_secret_value().strip()) < MIN_METRICS_TOKEN:
            raise ValueError(f"must be at least {MIN_METRICS_TOKEN} characters")
        return SecretStr(value.get_secret_value().strip())


def configure_logging(settings: OperabilitySettings, level: str) -> logging.Handler:
    """``logsetup.configure`` with a layer's settings (its serve calls this, once, first)."""
    return logsetup.configure(level, settings.log_format, settings.log_file or None,
                              settings.log_max_bytes, settings.log_backups)
