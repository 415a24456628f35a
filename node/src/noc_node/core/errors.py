"""The node's exception tree and the standard error body it answers with.

NodeError
 +-- QueueConfigError   the queue URL names an unsupported engine
 +-- PayloadError       a queued payload cannot be decrypted (wrong key, tampered)
 +-- InvalidTaskError   a task request names an unknown task type or bad params (422)
"""

from __future__ import annotations

from typing import Any

import noc_contracts
from noc_contracts import ErrorBody, ErrorCode, ErrorDetail, ErrorResponse

#: the code of a framework HTTP error by its status: every layer's (else ``http_error``)
HTTP_CODES = noc_contracts.HTTP_CODES


class NodeError(Exception):
    """Base of every error the node raises on purpose."""


class QueueConfigError(NodeError):
    """The queue URL is neither ``sqlite:///path`` nor ``redis://...``."""


class PayloadError(NodeError):
    """A queued task payload could not be decrypted with this node's key."""


class InvalidTaskError(NodeError):
    """A task request the node cannot run; ``details`` name the offending fields."""

    def __init__(self, message: str, details: list[ErrorDetail]) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


def error_body(code: ErrorCode, message: str,
               details: list[ErrorDetail] | None = None) -> dict[str, Any]:
    """``{"error": {code, message, details}}`` as a JSON-ready dict."""
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details or []))
    return body.model_dump(mode="json", exclude_none=True)
