"""The backend's one client to the scheduler's internal API (a long-lived ``httpx.Client``)."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterable
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError

from noc_backend.core.config import Settings
from noc_backend.core.errors import SchedulerUnavailable, UpstreamError
from noc_backend.scheduler_failover import scheduler_client
from noc_contracts import (
    MAX_SIMULATION_S,
    REVEAL,
    ErrorCode,
    ErrorDetail,
    NodeInfo,
    NodeRegistration,
    NodeRemoved,
    NodeUpdate,
    ProbeRequest,
    ProbeResult,
    ScheduleCreate,
    ScheduleInfo,
    SchedulePreview,
    ScheduleStatus,
    SimulationResult,
    SimulationRun,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")
_SCHEDULE = TypeAdapter(ScheduleInfo)
_SCHEDULES = TypeAdapter(list[ScheduleInfo])
_PREVIEW = TypeAdapter(SchedulePreview)
_NODES = TypeAdapter(list[NodeInfo])
_NODE = TypeAdapter(NodeInfo)
_NODE_REMOVED = TypeAdapter(NodeRemoved)
_PROBE = TypeAdapter(ProbeResult)
_SIMULATION = TypeAdapter(SimulationResult)

PROBE_MARGIN_S = 15.0  # the scheduler's and the node's own overhead around a probe
#: the scheduler stops a simulation after MAX_SIMULATION_S; as long again for the rest
SIMULATE_TIMEOUT_S = 2 * MAX_SIMULATION_S


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
        self._client = scheduler_client(settings.scheduler_urls, verify=tls_verify(settings),
                                        timeout=settings.scheduler_timeout_s, headers=headers,
                                        transport=transport)

    def close(self) -> None:
        self._client.close()

    def create_schedule(self, schedule: ScheduleCreate) -> ScheduleInfo:
        payload = schedule.model_dump(mode="json", by_alias=True)
        return self._answer(_SCHEDULE, self._request("POST", "/internal/v1/schedules", payload))

    def preview_schedule(self, schedule: ScheduleCreate, count: int) -> SchedulePreview:
        """The fire times the scheduler gives ``schedule`` before it exists (nothing stored)."""
        payload = schedule.model_dump(mode="json", by_alias=True)
        return self._answer(_PREVIEW, self._request(
            "POST", "/internal/v1/schedules/preview", payload, params={"count": count}))

    def list_schedules(self, *, statuses: Iterable[ScheduleStatus] = (),
                       timeout: float | None = None) -> list[ScheduleInfo]:
        """Every schedule, newest first; with ``statuses`` only those in one of them (the
        scheduler filters)."""
        params = [("status", s.value) for s in statuses]
        return self._answer(_SCHEDULES, self._request(
            "GET", "/internal/v1/schedules", None, params=params, timeout=timeout))

    def get_schedule(self, schedule_id: int) -> ScheduleInfo:
        return self._answer(_SCHEDULE, self._request(
            "GET", f"/internal/v1/schedules/{schedule_id}", None))

    def set_paused(self, schedule_id: int, *, paused: bool) -> ScheduleInfo:
        action = "pause" if paused else "resume"
        return self._answer(_SCHEDULE, self._request(
            "POST", f"/internal/v1/schedules/{schedule_id}/{action}", {}))

    def fire_times(self, schedule_id: int, count: int) -> SchedulePreview:
        """The next ``count`` fire times of an existing schedule."""
        return self._answer(_PREVIEW, self._request(
            "GET", f"/internal/v1/schedules/{schedule_id}/preview", None,
            params={"count": count}))

    def delete_schedule(self, schedule_id: int) -> None:
        self._request("DELETE", f"/internal/v1/schedules/{schedule_id}", None)

    def cancel_execution(self, execution_id: str) -> None:
        """Ask the scheduler to stop an execution's pending and running steps."""
        self._request("POST", f"/internal/v1/executions/{execution_id}/cancel", {})

    def list_nodes(self) -> list[NodeInfo]:
        return self._answer(_NODES, self._request("GET", "/internal/v1/nodes", None))

    def register_node(self, registration: NodeRegistration) -> tuple[NodeInfo, bool]:
        """The node as registered, and whether it is new (the scheduler answered 201)."""
        payload = registration.model_dump(mode="json", exclude_none=True, context=REVEAL)
        response = self._request("POST", "/internal/v1/nodes", payload)
        return self._answer(_NODE, response), response.status_code == 201

    def update_node(self, name: str, change: NodeUpdate) -> NodeInfo:
        return self._answer(_NODE, self._request(
            "PATCH", f"/internal/v1/nodes/{quote(name, safe='')}",
            change.model_dump(mode="json", exclude_unset=True)))

    def set_draining(self, name: str, *, draining: bool) -> NodeInfo:
        action = "drain" if draining else "resume"
        return self._answer(_NODE, self._request(
            "POST", f"/internal/v1/nodes/{quote(name, safe='')}/{action}", {}))

    def remove_node(self, name: str) -> NodeRemoved:
        return self._answer(_NODE_REMOVED, self._request(
            "DELETE", f"/internal/v1/nodes/{quote(name, safe='')}", None))

    def probe(self, request: ProbeRequest) -> ProbeResult:
        """A connection test through a node; waits for the probe's own timeout plus a margin."""
        payload = request.model_dump(mode="json", by_alias=True, context=REVEAL)
        return self._answer(_PROBE, self._request(
            "POST", "/internal/v1/probe", payload, timeout=request.timeout_s + PROBE_MARGIN_S))

    def simulate(self, run: SimulationRun) -> SimulationResult:
        """A simulated walk by the scheduler's engine (nothing stored, nothing dispatched)."""
        return self._answer(_SIMULATION, self._request(
            "POST", "/internal/v1/simulate", run.model_dump(mode="json", by_alias=True),
            timeout=SIMULATE_TIMEOUT_S))

    @staticmethod
    def _answer(adapter: TypeAdapter[T], response: httpx.Response) -> T:
        """The scheduler's answer read as the contract's type; an unreadable one (not JSON, or
        not that shape) is ``SchedulerUnavailable``, logged."""
        try:
            return adapter.validate_json(response.content)
        except ValidationError as exc:
            logger.error("scheduler answered %s %s unreadably: %s", response.request.method,
                         response.request.url.path,
                         exc.errors(include_url=False, include_input=False)[:3])
            raise SchedulerUnavailable("the scheduler's answer could not be read") from exc

    def _request(self, method: str, path: str, payload: dict[str, Any] | None, *,
                 params: Any = None, timeout: float | None = None) -> httpx.Response:
        try:
            response = self._client.request(
                method, path, json=payload, params=params,
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
    known = ErrorCode._value2member_map_.get(code) if isinstance(code, str) else None
    return known if isinstance(known, ErrorCode) else ErrorCode.scheduler_rejected


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
