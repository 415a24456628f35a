"""Secrets on the wire: a ``SecretStr`` is hidden in ``repr``, logs and ordinary dumps, and
written out in clear only when a dump is asked for with ``context=REVEAL`` (an inter-layer
hop that must carry it)."""

from __future__ import annotations

from pydantic import FieldSerializationInfo, SecretStr

REVEAL = {"reveal_secrets": True}


def reveal(value: SecretStr | None, info: FieldSerializationInfo) -> str | None:
    """Serialise a secret in clear only when the caller asked for it explicitly."""
    if value is None:
        return None
    if isinstance(info.context, dict) and info.context.get("reveal_secrets"):
        return value.get_secret_value()
    return "**********"
