"""History retention: finished executions older than the window go with their host runs and
steps, and so do events delivered to the backend before it; at most ``batch`` rows per
transaction, so a big prune never holds the database.

A running execution is never pruned, nor an event still waiting for delivery. Children go
before their execution, so a prune stopped half-way leaves nothing orphaned and the next one
finishes it. ``RetentionLoop`` runs it at start and every ``history_prune_interval_s``. The
backend's ``noc_backend/services/retention.py`` is a near-copy for its own tables: the layers
cannot share code, so a change to one is due in the other.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import Database, Expression, Field

from noc_contracts import FINISHED_STATUSES
from noc_scheduler.background import BackgroundLoop
from noc_scheduler.store.models import Execution, HostRun, OutboxEvent, Step, utcnow

logger = logging.getLogger(__name__)

FINISHED = sorted(s.value for s in FINISHED_STATUSES)


@dataclass
class Pruned:
    executions: int = 0
    events: int = 0


def prune_history(db: Database, *, days: int, batch: int, now: datetime | None = None,
                  stop: threading.Event | None = None) -> Pruned:
    """Prune what ended over ``days`` ago (0: nothing); on the caller's connection."""
    pruned = Pruned()
    if days <= 0:
        return pruned
    cutoff = (now or utcnow()) - timedelta(days=days)
    while stop is None or not stop.is_set():
        ids = [r.id for r in Execution.select(Execution.id).where(
            Execution.status.in_(FINISHED), Execution.finished_at < cutoff)
            .order_by(Execution.finished_at, Execution.id).limit(batch)]
        if not ids:
            break
        _delete_in_batches(db, Step.task_id, Step.execution_id.in_(ids), batch)
        _delete_in_batches(db, HostRun.id, HostRun.execution.in_(ids), batch)
        with db.atomic():
            Execution.delete().where(Execution.id.in_(ids),
                                     Execution.status.in_(FINISHED)).execute()
        pruned.executions += len(ids)
    if stop is None or not stop.is_set():
        pruned.events = _delete_in_batches(db, OutboxEvent.id,
                                           OutboxEvent.delivered_at < cutoff, batch)
    if pruned.executions or pruned.events:
        logger.info("history: %d executions and %d delivered events from before %s pruned",
                    pruned.executions, pruned.events, cutoff.isoformat(timespec="seconds"))
    return pruned


def _delete_in_batches(db: Database, key: Field, where: Expression, batch: int) -> int:
    """Delete the rows of ``key``'s table that ``where`` selects, ``batch`` per transaction."""
    model, total = key.model, 0
    while True:
        with db.atomic():
            chosen = model.select(key).where(where).limit(batch)
            deleted = int(model.delete().where(key.in_(chosen)).execute())
        total += deleted
        if deleted < batch:
            return total


class RetentionLoop(BackgroundLoop):
    """Prunes at start and every ``history_prune_interval_s``; idle when retention is 0."""

    name = "noc-retention"

    def _run(self) -> None:
        settings = self._rt.settings
        if settings.history_retention_days == 0:
            logger.info("history retention is 0: executions are kept forever")
            return
        while not self._stop.is_set():
            try:
                with self._rt.db.connection_context():
                    prune_history(self._rt.db, days=settings.history_retention_days,
                                  batch=settings.history_prune_batch, stop=self._stop)
            except Exception:
                logger.exception("history prune failed")
            self._stop.wait(settings.history_prune_interval_s)
