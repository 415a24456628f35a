"""Instants on the wire are always timezone-aware: a naive value is read as UTC.

Layers store naive UTC (SQLite and PostgreSQL compare those alike); models that carry stored
times out use ``UTCDateTime`` so every response says ``+00:00`` as RFC 3339 requires.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator


def assume_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


UTCDateTime = Annotated[datetime, AfterValidator(assume_utc)]
