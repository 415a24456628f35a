"""Request and response bodies of groups, inventory import/export and connection tests."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from noc_backend.core.fields import HostName, Name, Vars
from noc_contracts import StepStatus


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- groups --------------------------------------------------------------------------------
class GroupCreate(_In):
    name: Name
    vars: Vars = Field(default_factory=dict)
    children: list[Name] = Field(default_factory=list, max_length=1_000)
    credential: Name | None = None
    hosts: list[HostName] = Field(default_factory=list, max_length=100_000)


class GroupUpdate(_In):
    """Only the fields sent change; ``name`` renames (memberships and nesting follow)."""

    name: Name | None = None
    vars: Vars | None = None
    children: list[Name] | None = Field(default=None, max_length=1_000)
    credential: Name | None = None


class GroupMembers(_In):
    """Add and remove member hosts in one call; ``move_from`` also drops ``add`` from a group."""

    add: list[HostName] = Field(default_factory=list, max_length=100_000)
    remove: list[HostName] = Field(default_factory=list, max_length=100_000)
    move_from: Name | None = None


# ---- inventory import / export -------------------------------------------------------------
class InventoryImport(_In):
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


# ---- connection test -----------------------------------------------------------------------
class ConnectionTest(_In):
    timeout_s: int = Field(default=30, ge=1, le=300)


class HostReachability(BaseModel):
    host: str
    reachable: bool
    status: StepStatus
    reason: str


class ConnectionTestResult(BaseModel):
    node: str | None
    results: list[HostReachability]
