"""Hosts as the scheduler and the node see them: resolved, with their credential's secrets.

Secrets are ``SecretStr``: hidden in ``repr``, logs and ordinary dumps; they are written out
only when a dump is asked for with ``context={"reveal_secrets": True}`` (the inter-layer hop).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    FieldSerializationInfo,
    SecretStr,
    field_serializer,
)

from noc_contracts.nodes import Labels
from noc_contracts.reveal import reveal


class Connection(StrEnum):
    ssh = "ssh"
    local = "local"


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


_OPTION_LIKE = re.compile(r"^-|[\s\x00-\x1f\x7f]")


def _not_an_option(value: str) -> str:
    """Addresses and users reach ssh's command line: nothing that reads as an option."""
    if _OPTION_LIKE.search(value):
        raise ValueError("must not start with '-' or hold spaces or control characters")
    return value


ConnectionWord = Annotated[str, Field(min_length=1, max_length=255),
                           AfterValidator(_not_an_option)]


class TargetHost(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    address: ConnectionWord
    port: int = Field(default=22, ge=1, le=65_535)
    user: ConnectionWord | None = None
    connection: Connection = Connection.ssh
    groups: list[str] = Field(default_factory=list)
    vars: dict[str, Any] = Field(default_factory=dict)
    credential: CredentialSecret | None = None
    node_selector: Labels = Field(
        default_factory=dict, description="node labels a node must have to run this host's "
        "steps (its own, else its nearest group's); empty: any node")
