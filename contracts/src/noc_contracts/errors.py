"""The one JSON error shape every layer answers with: ``{"error": {code, message, details}}``."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    """One problem: which field (dotted path) or flowchart node it concerns, and why."""

    field: str | None = None
    node: str | None = None
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody
