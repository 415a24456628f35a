"""The scheduler's calls to the backend: resolve a target at fire time, deliver events."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from pydantic import ValidationError

from noc_contracts import ResolvedRun, ResolveRequest
from noc_scheduler.core.errors import BackendError
from noc_scheduler.peers.error_body import details_of

logger = logging.getLogger(__name__)


class BackendClient:
    """Bearer ``BACKEND_TOKEN`` on every call; failures become ``BackendError``."""

    def __init__(self, base_url: str, token: str, http: httpx.Client) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}
        self._http = http

    def __repr__(self) -> str:
        return f"<BackendClient {self._base}>"

    def _post(self, path: str, payload: dict[str, Any] | None = None,
              content: str | None = None) -> httpx.Response:
        """POST ``payload`` (encoded here) or ``content`` (JSON text already)."""
        headers = self._headers if content is None else {
            **self._headers, "Content-Type": "application/json"}
        try:
            response = self._http.post(self._base + path, json=payload, content=content,
                                       headers=headers)
        except httpx.HTTPError as exc:
            raise BackendError(f"backend unreachable at {self._base}: {type(exc).__name__}") \
                from exc
        if 400 <= response.status_code < 500:
            message, details = details_of(response)
            raise BackendError(f"backend refused: {message}", response.status_code, details)
        if response.status_code >= 300:
            raise BackendError(f"backend answered {response.status_code}")
        return response

    def resolve(self, request: ResolveRequest) -> ResolvedRun:
        response = self._post("/internal/v1/resolve", request.model_dump(mode="json"))
        try:
            return ResolvedRun.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise BackendError("backend sent an unreadable resolve answer") from exc

    def post_event_texts(self, texts: list[str]) -> None:
        """Events already stored as ``ExecutionEvent`` JSON text (the outbox's own payloads):
        sent as they are, not decoded, validated and encoded again one by one."""
        self._post("/internal/v1/events", content='{"events":[' + ",".join(texts) + "]}")
