"""Request and response bodies of ``/hosts``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from noc_contracts.api.base import Input
from noc_contracts.api.fields import Address, HostName, Name, RemoteUser, Vars
from noc_contracts.inventory import Connection
from noc_contracts.nodes import Labels

_SELECTOR = ("node labels a node must have to run this host's steps (site=rio); empty: its "
             "nearest group's selector, else any node")


class HostCreate(Input):
    name: HostName
    address: Address
    port: int = Field(default=22, ge=1, le=65_535)
    user: RemoteUser | None = None
    connection: Connection = Connection.ssh
    groups: list[Name] = Field(default_factory=list, max_length=100)
    vars: Vars = Field(default_factory=dict)
    credential: Name | None = None
    enabled: bool = True
    node_selector: Labels = Field(default_factory=dict, description=_SELECTOR)


class HostUpdate(Input):
    """Only the fields sent change; ``user`` and ``credential`` may be set to null;
    ``node_selector: {}`` clears the host's own selector."""

    name: HostName | None = None
    address: Address | None = None
    port: int | None = Field(default=None, ge=1, le=65_535)
    user: RemoteUser | None = None
    connection: Connection | None = None
    groups: list[Name] | None = Field(default=None, max_length=100)
    vars: Vars | None = None
    credential: Name | None = None
    enabled: bool | None = None
    node_selector: Labels | None = Field(default=None, description=_SELECTOR)


class HostPublic(BaseModel):
    id: int
    name: str
    address: str
    port: int
    user: str | None
    connection: Connection
    groups: list[str]
    vars: dict[str, Any]
    credential: str | None
    enabled: bool
    node_selector: dict[str, str] = Field(default_factory=dict, description=_SELECTOR)
    created_at: datetime
    updated_at: datetime


class HostsPublic(BaseModel):
    data: list[HostPublic]
    count: int
