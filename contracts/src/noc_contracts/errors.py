"""The one JSON error shape every layer answers with: ``{"error": {code, message, details}}``,
and the one vocabulary of its ``code`` (every layer takes its codes from ``ErrorCode``)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from pydantic import BaseModel, Field


class ErrorCode(StrEnum):
    """Every ``error.code`` a layer may answer. Existing codes are the contract: never remove or
    rename one (clients branch on them); add one here before a layer uses it. Readers must
    tolerate a code they do not know (a newer server may add one)."""

    # generic HTTP refusals (each layer's handler for a framework error)
    bad_request = "bad_request"
    unauthorized = "unauthorized"
    forbidden = "forbidden"
    not_found = "not_found"
    method_not_allowed = "method_not_allowed"
    conflict = "conflict"
    too_large = "too_large"  # the body limit, before anything is read
    unsupported_media_type = "unsupported_media_type"
    too_many_requests = "too_many_requests"
    error = "error"  # backend and scheduler: an HTTP status with no code of its own
    http_error = "http_error"  # node: an HTTP status with no code of its own
    # invalid input: the backend says ``invalid``; the scheduler and the node say
    # ``validation_error`` (both kept: they are the contract)
    invalid = "invalid"
    validation_error = "validation_error"
    invalid_graph = "invalid_graph"
    invalid_inventory = "invalid_inventory"
    invalid_task = "invalid_task"
    # backend rules
    last_admin = "last_admin"
    commands_not_allowed = "commands_not_allowed"
    unknown_hosts = "unknown_hosts"
    no_hosts = "no_hosts"
    too_many_hosts = "too_many_hosts"
    in_use = "in_use"
    not_exportable = "not_exportable"
    # another layer, or a bounded resource, is unavailable or refused
    busy = "busy"
    scheduler_unavailable = "scheduler_unavailable"
    scheduler_rejected = "scheduler_rejected"
    backend_unavailable = "backend_unavailable"
    backend_refused = "backend_refused"
    no_node = "no_node"
    node_unreachable = "node_unreachable"
    node_failed = "node_failed"
    # unexpected failures: the backend says ``internal``, scheduler and node ``internal_error``
    internal = "internal"
    internal_error = "internal_error"


#: the code of a framework HTTP error (an unknown route, a wrong method, a body too large) by
#: its status, the same in every layer; a status not here takes the layer's own default
HTTP_CODES: Mapping[int, ErrorCode] = MappingProxyType({
    400: ErrorCode.bad_request, 401: ErrorCode.unauthorized, 403: ErrorCode.forbidden,
    404: ErrorCode.not_found, 405: ErrorCode.method_not_allowed, 409: ErrorCode.conflict,
    413: ErrorCode.too_large, 415: ErrorCode.unsupported_media_type,
    429: ErrorCode.too_many_requests})


def code_for_status(status: int, default: ErrorCode) -> ErrorCode:
    """The code a layer answers a framework HTTP error of ``status`` with: ``HTTP_CODES``'
    when it has one, else ``default`` (the backend and scheduler say ``error``, the node
    ``http_error``)."""
    return HTTP_CODES.get(status, default)


class ErrorDetail(BaseModel):
    """One problem: which field (dotted path) or flowchart node it concerns, and why."""

    field: str | None = None
    node: str | None = None
    message: str


class ErrorBody(BaseModel):
    code: str = Field(description="one of ErrorCode; readers tolerate codes they do not know",
                      json_schema_extra={"x-extensible-enum": [c.value for c in ErrorCode]})
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody
