"""Request and response bodies of ``/credentials``: secrets go in, never come out."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from noc_contracts.api.base import Input
from noc_contracts.api.fields import Name, Secret


class CredentialCreate(Input):
    name: Name
    kind: Literal["ssh_key", "password"]
    private_key: Secret | None = None
    passphrase: Secret | None = None
    password: Secret | None = None
    become_password: Secret | None = None


class CredentialPublic(BaseModel):
    """What the API shows of a credential: never a secret."""

    name: str
    kind: Literal["ssh_key", "password"]
    fingerprint: str | None
    created_at: datetime


class CredentialsPublic(BaseModel):
    data: list[CredentialPublic]
    count: int
