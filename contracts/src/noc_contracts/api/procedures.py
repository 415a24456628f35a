"""Request and response bodies of ``/procedures`` (versions, validation)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from noc_contracts.api.base import Input
from noc_contracts.api.fields import Text
from noc_contracts.errors import ErrorDetail
from noc_contracts.graph import ProcedureGraph


class ProcedureCreate(Input):
    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Annotated[Text, Field(max_length=10_000)] = ""
    graph: ProcedureGraph


class ProcedureUpdate(ProcedureCreate):
    """Body of ``PUT /procedures/{id}``: the next version. ``base_version`` (optional) is the
    version the edit started from; when the procedure has moved past it the save is refused
    with 409 ``conflict`` naming the current version and who saved it (optimistic
    concurrency). Without it the save always lands on top (last writer wins)."""

    base_version: int | None = Field(
        default=None, ge=1, le=2_147_483_647,
        description="the version this edit started from; 409 conflict when it is not the "
                    "current version any more")


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
