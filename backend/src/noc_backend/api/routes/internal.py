"""The internal API the scheduler calls (bearer NOC_BACKEND_INTERNAL_TOKEN)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from noc_backend.api.deps import InternalCaller, ServicesDep
from noc_backend.services import events, targets
from noc_backend.services.procedures import get_row
from noc_contracts import REVEAL, EventBatch, ResolveRequest

router = APIRouter(prefix="/internal/v1", tags=["internal"], include_in_schema=False)


@router.post("/resolve")
def resolve(body: ResolveRequest, services: ServicesDep, _: InternalCaller) -> JSONResponse:
    """The current version and the target's enabled hosts, with decrypted credentials.

    The one response that carries secrets: serialised with ``REVEAL`` for the scheduler.
    """
    with services.db.connection_context():
        procedure = get_row(body.procedure_id)
        resolved = targets.resolve(procedure=procedure, target=body.target, box=services.box)
    return JSONResponse(resolved.model_dump(mode="json", by_alias=True, context=REVEAL))


@router.post("/events")
def receive_events(body: EventBatch, services: ServicesDep,
                   _: InternalCaller) -> dict[str, int]:
    """Store and apply execution events; a redelivered event is ignored."""
    with services.db.connection_context():
        accepted = events.record_events(batch=body)
    if accepted:
        services.events_stored.notify()
    return {"accepted": accepted}
