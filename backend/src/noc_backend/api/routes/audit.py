"""``GET /audit``: the append-only audit log, newest first (read only: no route changes it)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from noc_backend.api.deps import AuditRead, Limit, Offset, ServicesDep
from noc_backend.services import audit
from noc_contracts.api import AuditPublic

router = APIRouter(tags=["audit"])

Text = Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[^\x00]*$")]


@router.get("/audit", response_model=AuditPublic)
def list_audit(services: ServicesDep, _: AuditRead, limit: Limit = 100, offset: Offset = 0,
               actor: Text = None, action: Text = None, target_type: Text = None,
               target_id: Text = None,
               since: Annotated[datetime | None, Query()] = None,
               until: Annotated[datetime | None, Query()] = None) -> AuditPublic:
    """Entries filtered by actor (username), action (prefix: ``host.``), target, and time in
    [since, until); with the total count."""
    spec = audit.AuditFilter(actor=actor, action=action, target_type=target_type,
                             target_id=target_id, since=since, until=until)
    with services.db.connection_context():
        return audit.list_entries(spec=spec, limit=limit, offset=offset)
