"""The internal API the scheduler calls (bearer NOC_BACKEND_INTERNAL_TOKEN).

Its routes run on their own threads (``Services.callback_threads``), never on the pool the
public routes use: a public request (a run now) holds its thread while the scheduler calls
back here, and a hundred such requests must not leave the callback without a thread.
"""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from noc_backend.api.deps import InternalCaller, ServicesDep
from noc_backend.services import events, targets
from noc_backend.services.procedures import get_row
from noc_contracts import REVEAL, EventBatch, ResolveRequest

router = APIRouter(prefix="/internal/v1", tags=["internal"], include_in_schema=False)


@router.post("/resolve")
async def resolve(body: ResolveRequest, services: ServicesDep,
                  _: InternalCaller) -> JSONResponse:
    """The current version and the target's enabled hosts, with decrypted credentials.

    The one response that carries secrets: serialised with ``REVEAL`` for the scheduler.
    """
    def work() -> JSONResponse:
        with services.db.connection_context():
            procedure = get_row(body.procedure_id)
            resolved = targets.resolve(procedure=procedure, target=body.target,
                                       box=services.box)
        return JSONResponse(resolved.model_dump(mode="json", by_alias=True, context=REVEAL))

    return await to_thread.run_sync(work, limiter=services.callback_threads)


@router.post("/events")
async def receive_events(body: EventBatch, services: ServicesDep,
                         _: InternalCaller) -> dict[str, int]:
    """Store and apply execution events; a redelivered event is ignored."""
    def work() -> int:
        with services.db.connection_context():
            return events.record_events(batch=body)

    accepted = await to_thread.run_sync(work, limiter=services.callback_threads)
    if accepted:
        services.events_stored.notify()
    return {"accepted": accepted}
