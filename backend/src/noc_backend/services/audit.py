"""The audit log: ``record`` writes one entry inside the caller's transaction; ``list_entries``
reads them back, newest first. Details are masked (secret-looking keys) before they are stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from noc_backend.auth.actor import Actor
from noc_backend.core.db import database_proxy as db
from noc_backend.models import AuditEntry, utcnow
from noc_contracts.api import AuditEntryPublic, AuditPublic
from noc_contracts.masking import mask_secret_values


def record(actor: Actor, action: str, *, target_type: str = "",
           target_id: int | str | None = None, target_name: str | None = None,
           details: dict[str, Any] | None = None) -> None:
    """Write one entry in the current transaction (it commits or rolls back with the change)."""
    AuditEntry.create(
        at=utcnow(), actor_username=actor.username[:100], actor_user_id=actor.user_id,
        actor_kind=actor.kind, client_address=(actor.address or None),
        action=action, target_type=target_type,
        target_id=None if target_id is None else str(target_id)[:64],
        target_name=None if target_name is None else target_name[:255],
        details=mask_secret_values(details or {}))


def record_alone(actor: Actor, action: str, **kwargs: Any) -> None:
    """An entry in its own transaction: for events with no change to join (failed login,
    a call that only the scheduler acted on)."""
    with db.connection_context(), db.atomic():
        record(actor, action, **kwargs)


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None  # a prefix: "host." or "host.create"
    target_type: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _public(row: AuditEntry) -> AuditEntryPublic:
    return AuditEntryPublic(
        id=row.id, at=row.at, actor=row.actor_username, actor_user_id=row.actor_user_id,
        actor_kind=row.actor_kind, client_address=row.client_address, action=row.action,
        target_type=row.target_type, target_id=row.target_id, target_name=row.target_name,
        details=row.details)


def list_entries(*, spec: AuditFilter, limit: int, offset: int) -> AuditPublic:
    """Matching entries, newest first, with the total count; ``until`` is exclusive."""
    query = AuditEntry.select()
    if spec.actor is not None:
        query = query.where(AuditEntry.actor_username == spec.actor)
    if spec.action is not None:
        query = query.where(AuditEntry.action.startswith(spec.action))  # LIKE, escaped
    if spec.target_type is not None:
        query = query.where(AuditEntry.target_type == spec.target_type)
    if spec.target_id is not None:
        query = query.where(AuditEntry.target_id == spec.target_id)
    if spec.since is not None:
        query = query.where(AuditEntry.at >= spec.since)
    if spec.until is not None:
        query = query.where(AuditEntry.at < spec.until)
    rows = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    return AuditPublic(data=[_public(r) for r in rows], count=query.count())
