"""Execution history routes, and their live streams (one execution's steps; every
execution's start and end)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import StreamingResponse

from noc_backend.api.deps import ExecutionsRead, Limit, Offset, RunsWrite, ServicesDep
from noc_backend.core.errors import NotFound
from noc_backend.services import event_stream, executions, live_executions
from noc_contracts import ExecutionStatus
from noc_contracts.api import ExecutionDetail, ExecutionsPublic

router = APIRouter(tags=["executions"])

ExecutionId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
ProcedureFilter = Annotated[int | None, Query(alias="procedure", ge=1, le=2_147_483_647)]


@router.get("/executions", response_model=ExecutionsPublic)
def list_executions(services: ServicesDep, _: ExecutionsRead, limit: Limit = 100,
                    offset: Offset = 0, procedure: ProcedureFilter = None,
                    status: ExecutionStatus | None = None,
                    since: Annotated[datetime | None, Query()] = None,
                    until: Annotated[datetime | None, Query()] = None) -> ExecutionsPublic:
    """Executions, newest first; filter by procedure, status, and start time in [since, until)."""
    with services.db.connection_context():
        return executions.list_executions(limit=limit, offset=offset, procedure_id=procedure,
                                          status=status.value if status else None,
                                          since=since, until=until)


@router.get("/executions/{execution_id}", response_model=ExecutionDetail)
def get_execution(execution_id: ExecutionId, services: ServicesDep,
                  _: ExecutionsRead) -> ExecutionDetail:
    """One execution with, per host, its status, current node, path and step results, and who
    launched it with which target, vars (secrets masked), dry run and schedule."""
    with services.db.connection_context():
        return executions.get_execution(execution_id=execution_id)


@router.post("/executions/{execution_id}/cancel", status_code=202)
def cancel_execution(execution_id: ExecutionId, services: ServicesDep,
                     actor: RunsWrite) -> dict[str, str]:
    """Stop pending steps and kill running ones; the execution ends ``cancelled``."""
    with services.db.connection_context():
        executions.get_execution(execution_id=execution_id)  # 404 when unknown
    services.scheduler.cancel_execution(execution_id)
    executions.log_cancel(execution_id=execution_id, actor=actor)
    return {"id": execution_id, "status": "cancelling"}


@router.get("/executions/{execution_id}/events", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
def execution_events(execution_id: ExecutionId, request: Request, services: ServicesDep,
                     _: ExecutionsRead,
                     last_event_id: Annotated[int | None, Header(ge=0)] = None,
                     ) -> StreamingResponse:
    """Server-Sent Events: every step change of the execution, live, until it finishes."""
    with services.db.connection_context():
        if not executions.exists(execution_id=execution_id):
            raise NotFound(f"no execution with id '{execution_id}'")
    body = event_stream.stream(services.db, execution_id, last_event_id or 0,
                               request.is_disconnected, services.events_stored)
    return StreamingResponse(body, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.get("/events", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
def executions_events(request: Request, services: ServicesDep, _: ExecutionsRead,
                      last_event_id: Annotated[int | None, Header(ge=0)] = None,
                      ) -> StreamingResponse:
    """Server-Sent Events of the executions list, live, until the client disconnects.

    First ``event: ready`` (``data: {}``) whose ``id`` is where the stream starts: the newest
    stored event, or ``Last-Event-ID`` when given (then everything after it is replayed, so a
    reconnect loses nothing). Then one event per change, ``id`` its stored sequence number,
    ``event`` one of ``execution_started``, ``execution_finished``, ``host_finished``,
    ``fire_missed``, ``data`` the execution as it is now (the fields of ``ExecutionPublic``)::

        {"execution_id": "...", "id": "...", "procedure_id": 3, "procedure_name": "...",
         "procedure_version": 2, "status": "running", "started_at": "...Z",
         "finished_at": null, "hosts_total": 4}

    ``host_finished`` adds ``"host"`` and ``"host_status"``. A ``: keep-alive`` comment comes
    every 15 s of silence. Fetch the list first, then open the stream (or pass the id of the
    last event seen as ``Last-Event-ID``).
    """
    body = live_executions.follow(services.db, last_event_id, request.is_disconnected,
                                  services.events_stored)
    return StreamingResponse(body, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
