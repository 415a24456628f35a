"""Request and response bodies of the public API v1, one family per resource."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints

from noc_backend.core.fields import (
    Address,
    HostName,
    Name,
    RemoteUser,
    Secret,
    Text,
    Vars,
)
from noc_contracts import Connection, ErrorDetail, ProcedureGraph


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- auth ----------------------------------------------------------------------------------
class LoginRequest(_In):
    username: Annotated[Text, Field(min_length=1, max_length=100)]
    password: Annotated[SecretStr, Field(min_length=1, max_length=1_000)]


class TokenPublic(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name
    expires_at: datetime


# ---- hosts ---------------------------------------------------------------------------------
class HostCreate(_In):
    name: HostName
    address: Address
    port: int = Field(default=22, ge=1, le=65_535)
    user: RemoteUser | None = None
    connection: Connection = Connection.ssh
    groups: list[Name] = Field(default_factory=list, max_length=100)
    vars: Vars = Field(default_factory=dict)
    credential: Name | None = None
    enabled: bool = True


class HostUpdate(_In):
    """Only the fields sent change; ``user`` and ``credential`` may be set to null."""

    name: HostName | None = None
    address: Address | None = None
    port: int | None = Field(default=None, ge=1, le=65_535)
    user: RemoteUser | None = None
    connection: Connection | None = None
    groups: list[Name] | None = Field(default=None, max_length=100)
    vars: Vars | None = None
    credential: Name | None = None
    enabled: bool | None = None


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
    created_at: datetime
    updated_at: datetime


class HostsPublic(BaseModel):
    data: list[HostPublic]
    count: int


class GroupPublic(BaseModel):
    """A group: its direct member hosts, vars, nested child groups and credential (by name)."""

    name: str
    hosts: list[str]
    vars: dict[str, Any] = Field(default_factory=dict)
    children: list[str] = Field(default_factory=list)
    parents: list[str] = Field(default_factory=list)
    credential: str | None = None


class GroupsPublic(BaseModel):
    data: list[GroupPublic]
    count: int


# ---- credentials ---------------------------------------------------------------------------
class CredentialCreate(_In):
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


# ---- procedures ----------------------------------------------------------------------------
class ProcedureCreate(_In):
    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Annotated[Text, Field(max_length=10_000)] = ""
    graph: ProcedureGraph


class ProcedureValidate(BaseModel):
    """Body of ``/procedures/validate``: a graph (other procedure fields are ignored)."""

    graph: dict[str, Any]


class ValidationResult(BaseModel):
    valid: bool
    problems: list[ErrorDetail]


class ProcedureSummary(BaseModel):
    id: int
    name: str
    description: str
    version: int
    created_by: str
    created_at: datetime
    updated_at: datetime


class ProcedurePublic(ProcedureSummary):
    graph: ProcedureGraph


class ProceduresPublic(BaseModel):
    data: list[ProcedureSummary]
    count: int


class ProcedureVersionPublic(BaseModel):
    version: int
    name: str
    description: str
    graph: ProcedureGraph
    created_by: str
    created_at: datetime


class ProcedureVersionsPublic(BaseModel):
    data: list[ProcedureVersionPublic]
    count: int


# ---- executions ----------------------------------------------------------------------------
class ExecutionPublic(BaseModel):
    id: str
    procedure_id: int | None
    procedure_name: str
    procedure_version: int | None
    status: str
    started_at: datetime
    finished_at: datetime | None
    hosts_total: int


class ExecutionsPublic(BaseModel):
    data: list[ExecutionPublic]
    count: int


class StepRunPublic(BaseModel):
    step_id: str
    visit: int
    attempt: int
    status: str
    rc: int | None
    changed: bool
    stdout: str
    stderr: str
    msg: str
    facts: dict[str, Any]
    started_at: datetime | None
    finished_at: datetime | None


class ExecutionHostPublic(BaseModel):
    host: str
    status: str
    current_node: str | None
    path: list[str]
    steps: list[StepRunPublic]


class ExecutionDetail(ExecutionPublic):
    hosts: list[ExecutionHostPublic]
    launched_by: str = Field(default="", description="the user who launched or scheduled it")
    target: dict[str, Any] | None = None
    vars: dict[str, Any] | None = Field(default=None, description="secret-looking values "
                                        "masked")
    dry_run: bool = False
    schedule_id: int | None = None
