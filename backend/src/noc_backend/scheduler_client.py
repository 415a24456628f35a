"""The backend's one client to the scheduler's internal API (a long-lived ``httpx.Client``)."""

from __future__ import annotations

import logging
import ssl
from typing import Any

import httpx
from pydantic import ValidationError

from noc_backend.core.config import Settings
from noc_backend.core.errors import SchedulerUnavailable, UpstreamError
from noc_contracts import (
    REVEAL,
    ErrorCode,
    ErrorDetail,
    NodeInfo,
    ProbeRequest,
    ProbeResult,
    ScheduleCreate,
    ScheduleInfo,
    SchedulePreview,
    SimulationResult,
    SimulationRun,
)

logger = logging.getLogger(__name__)

PROBE_MARGIN_S = 15.0  # the scheduler's and the node's own overhead around a probe
SIMULATE_TIMEOUT_S = 40.0  # the scheduler bounds a simulation at 20 s of wall time


def tls_verify(settings: Settings) -> ssl.SSLContext | bool:
    """What the client verifies the scheduler with: ``TLS_CA_FILE``, or the system's CAs."""
    if settings.tls_ca_file is None:
        return True
    return ssl.create_default_context(cafile=str(settings.tls_ca_file))


class SchedulerClient:
    """Sends schedules to the scheduler; maps its failures to backend errors.

    A 4xx (other than 401/403, which mean our token is wrong) is passed through with its
    details; an unreachable scheduler, a 5xx or an unreadable answer is ``SchedulerUnavailable``.
    """

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        headers = {}
        if settings.scheduler_token is not None:
            headers["Authorization"] = f"Bearer {settings.scheduler_token.get_secret_value()}"
        self._client = httpx.Client(base_url=settings.scheduler_url.rstrip("/"),
                                    headers=headers, timeout=settings.scheduler_timeout_s,
                                    verify=tls_verify(settings), transport=transport)

    def close(self) -> None:
        self._client.close()

    def create_schedule(self, schedule: ScheduleCreate) -> ScheduleInfo:
        payload = schedule.model_dump(mode="json", by_alias=True)
        response = self._post("/internal/v1/schedules", payload)
        try:
            return ScheduleInfo.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            logger.error("scheduler answered an unreadable schedule: %s", exc)
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def preview_schedule(self, schedule: ScheduleCreate, count: int) -> SchedulePreview:
        """The fire times the scheduler gives ``schedule`` before it exists (nothing stored)."""
        payload = schedule.model_dump(mode="json", by_alias=True)
        response = self._post(f"/internal/v1/schedules/preview?count={count}", payload)
        try:
            return SchedulePreview.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def schedules_call(self, method: str, suffix: str = "") -> Any:
        """A call under ``/internal/v1/schedules`` (list, get, pause, resume, preview, delete):
        its JSON answer, or None for 204. Errors map as for every call."""
        response = self._request(method, "/internal/v1/schedules" + suffix,
                                 {} if method == "POST" else None)
        if response.status_code == 204:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def cancel_execution(self, execution_id: str) -> None:
        """Ask the scheduler to stop an execution's pending and running steps."""
        self._post(f"/internal/v1/executions/{execution_id}/cancel", {})

    def list_nodes(self) -> list[NodeInfo]:
        response = self._request("GET", "/internal/v1/nodes", None)
        try:
            return [NodeInfo.model_validate(n) for n in response.json()]
        except (ValueError, TypeError, ValidationError) as exc:
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def _post(self, path: str, payload: dict[str, Any]) -> httpx.Response:
        return self._request("POST", path, payload)

    def probe(self, request: ProbeRequest) -> ProbeResult:
        """A connection test through a node; waits for the probe's own timeout plus a margin."""
        payload = request.model_dump(mode="json", by_alias=True, context=REVEAL)
        response = self._request("POST", "/internal/v1/probe", payload,
                                 timeout=request.timeout_s + PROBE_MARGIN_S)
        try:
            return ProbeResult.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def simulate(self, run: SimulationRun) -> SimulationResult:
        """A simulated walk by the scheduler's engine (nothing stored, nothing dispatched)."""
        response = self._request("POST", "/internal/v1/simulate",
                                 run.model_dump(mode="json", by_alias=True),
                                 timeout=SIMULATE_TIMEOUT_S)
        try:
            return SimulationResult.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def _request(self, method: str, path: str, payload: dict[str, Any] | None,
                 timeout: float | None = None) -> httpx.Response:
        try:
            response = self._client.request(
                method, path, json=payload,
                timeout=timeout if timeout is not None else self._client.timeout)
        except httpx.HTTPError as exc:
            logger.warning("scheduler unreachable at %s: %s", self._client.base_url,
                           type(exc).__name__)
            raise SchedulerUnavailable("the scheduler cannot be reached") from exc
        status = response.status_code
        if status in (401, 403):
            logger.error("scheduler refused the backend's token (%d)", status)
            raise SchedulerUnavailable("the scheduler refused the backend's token; "
                                       "check NOC_BACKEND_SCHEDULER_TOKEN")
        if 400 <= status < 500:
            raise _passed_through(response)
        if status >= 500 or not 200 <= status < 300:
            logger.warning("scheduler failed: HTTP %d", status)
            raise SchedulerUnavailable(f"the scheduler failed (HTTP {status})")
        return response


def _known(code: object) -> ErrorCode:
    """The scheduler's code when it is in the vocabulary, else ``scheduler_rejected``."""
    known = {c.value: c for c in ErrorCode}
    return known.get(code, ErrorCode.scheduler_rejected) if isinstance(code, str) else (
        ErrorCode.scheduler_rejected)


def _passed_through(response: httpx.Response) -> UpstreamError:
    """The scheduler's own error (its status, code, message and details)."""
    try:
        error = response.json()["error"]
        details = [ErrorDetail.model_validate(d) for d in error.get("details", [])]
        return UpstreamError(response.status_code, str(error["message"]), details,
                             code=_known(error.get("code")))
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return UpstreamError(response.status_code,
                             f"the scheduler refused the run (HTTP {response.status_code})")
