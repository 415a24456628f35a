"""Reading another layer's error answer: the standard body's message and details, or what
there is when the body is something else. Bounded: a peer cannot fill our records."""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError

from noc_contracts import ErrorDetail

MAX_MESSAGE = 2_000


def details_of(response: httpx.Response) -> tuple[str, list[ErrorDetail]]:
    """The message and details of a standard error body, tolerating anything else."""
    try:
        body: Any = response.json()
        error = body.get("error", {}) if isinstance(body, dict) else {}
        details = [ErrorDetail.model_validate(d) for d in error.get("details", [])[:20]]
        message = str(error.get("message") or response.reason_phrase)
        return message[:MAX_MESSAGE], details
    except (ValueError, ValidationError, AttributeError, TypeError):
        return response.reason_phrase, []


def describe(response: httpx.Response) -> str:
    """One line: the message, then each detail as ``field: message``."""
    message, details = details_of(response)
    parts = [message]
    for detail in details:
        where = detail.field or detail.node
        parts.append(f"{where}: {detail.message}" if where else detail.message)
    return "; ".join(parts)[:MAX_MESSAGE]
