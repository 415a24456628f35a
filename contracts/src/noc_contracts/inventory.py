"""Hosts as the scheduler and the node see them: resolved, with their credential's secrets.

Secrets are ``SecretStr``: hidden in ``repr``, logs and ordinary dumps; they are written out
only when a dump is asked for with ``context={"reveal_secrets": True}`` (the inter-layer hop).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, FieldSerializationInfo, SecretStr, field_serializer


class Connection(StrEnum):
    ssh = "ssh"
    local = "local"


def reveal(value: SecretStr | None, info: FieldSerializationInfo) -> str | None:
    """Serialise a secret in clear only when the caller asked for it explicitly."""
    if value is None:
        return None
    if isinstance(info.context, dict) and info.context.get("reveal_secrets"):
        return value.get_secret_value()
    return "**********"


REVEAL = {"reveal_secrets": True}


class CredentialSecret(BaseModel):
    name: str
    kind: Literal["ssh_key", "password"]
    private_key: SecretStr | None = None
    passphrase: SecretStr | None = None
    password: SecretStr | None = None
    become_password: SecretStr | None = None

    @field_serializer("private_key", "passphrase", "password", "become_password")
    def _secret(self, value: SecretStr | None, info: FieldSerializationInfo) -> str | None:
        return reveal(value, info)


class TargetHost(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    address: str = Field(min_length=1, max_length=255)
    port: int = Field(default=22, ge=1, le=65_535)
    user: str | None = None
    connection: Connection = Connection.ssh
    groups: list[str] = Field(default_factory=list)
    vars: dict[str, Any] = Field(default_factory=dict)
    credential: CredentialSecret | None = None
