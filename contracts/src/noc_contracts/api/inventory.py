"""Request and response bodies of inventory import/export and connection tests."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from noc_contracts.api.base import Input
from noc_contracts.tasks import StepStatus


class InventoryImport(Input):
    format: Literal["ini", "yaml"]
    content: str = Field(max_length=20_000_000)
    dry_run: bool = False


class HostChange(BaseModel):
    name: str
    changes: dict[str, Any] = Field(description="field -> {old, new}")


class GroupChange(BaseModel):
    name: str
    changes: dict[str, Any]


class ImportRefusal(BaseModel):
    """A value of the inventory the inventory rules refuse: a dry run lists every one; an
    apply with any imports nothing."""

    host: str | None = None
    group: str | None = None
    field: str = Field(description="the host's or group's field, e.g. vars.ansible_ssh_args")
    code: Literal["forbidden", "invalid"] = Field(
        description="forbidden: needs the admin role; invalid: refused for everyone")
    message: str


class ImportPlanPublic(BaseModel):
    """What an import does (or, in a dry run, would do); ``applied`` says which."""

    dry_run: bool
    applied: bool
    create_hosts: list[str]
    update_hosts: list[HostChange]
    unchanged_hosts: list[str]
    create_groups: list[str]
    update_groups: list[GroupChange]
    unchanged_groups: list[str]
    refused: list[ImportRefusal] = Field(default_factory=list)


class ConnectionTest(Input):
    timeout_s: int = Field(default=30, ge=1, le=300)


class HostReachability(BaseModel):
    host: str
    reachable: bool
    status: StepStatus
    reason: str


class ConnectionTestResult(BaseModel):
    node: str | None
    results: list[HostReachability]
