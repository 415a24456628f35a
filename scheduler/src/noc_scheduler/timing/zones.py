"""IANA time zones by name (the standard library's zoneinfo; the ``tzdata`` package backs it
where the system has no zone database)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from noc_scheduler.timing.errors import TimingError

DEFAULT_ZONE = "UTC"
_MAX_NAME = 64


def load_zone(name: str) -> ZoneInfo:
    """The zone called ``name`` (e.g. ``Europe/Berlin``); ``TimingError`` naming it if unknown."""
    if not name or len(name) > _MAX_NAME or name != name.strip():
        raise TimingError(f"unknown time zone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # ValueError: absolute or '..' paths; OSError: a directory such as 'America'.
        raise TimingError(f"unknown time zone {name!r}") from exc


def zone_or_default(name: str | None) -> ZoneInfo:
    """``load_zone(name)``, or UTC when the schedule names no zone."""
    return load_zone(name if name is not None else DEFAULT_ZONE)
