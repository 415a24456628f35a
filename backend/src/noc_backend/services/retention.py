"""History retention: finished executions older than the window go with their hosts, steps and
events, at most ``batch`` rows per transaction so a big prune never holds the database.

A running execution is never pruned, nor the audit log (append-only). Children go before their
execution, so a prune stopped half-way (a restart) leaves nothing orphaned and the next one
finishes it. The scheduler's ``noc_scheduler/store/retention.py`` is a near-copy for its own tables:
the layers cannot share code, so a change to one is due in the other.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from peewee import Expression

from noc_backend.core.db import database_proxy as db
from noc_backend.models import EventRecord, Execution, ExecutionHost, StepRun, utcnow
from noc_contracts import FINISHED_STATUSES

logger = logging.getLogger(__name__)

FINISHED = sorted(s.value for s in FINISHED_STATUSES)
_CHILDREN = ((EventRecord, EventRecord.execution_id), (StepRun, StepRun.execution),
             (ExecutionHost, ExecutionHost.execution))


def prune_history(*, days: int, batch: int, now: datetime | None = None,
                  stop: threading.Event | None = None) -> int:
    """Prune finished executions that ended over ``days`` ago; how many went (0: keep all)."""
    if days <= 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=days)
    pruned = 0
    while stop is None or not stop.is_set():
        ids = [r.id for r in Execution.select(Execution.id).where(
            Execution.status.in_(FINISHED), Execution.finished_at < cutoff)
            .order_by(Execution.finished_at, Execution.id).limit(batch)]
        if not ids:
            break
        for model, column in _CHILDREN:
            _delete_in_batches(model, column.in_(ids), batch)
        with db.atomic():
            Execution.delete().where(Execution.id.in_(ids),
                                     Execution.status.in_(FINISHED)).execute()
        pruned += len(ids)
    if pruned:
        logger.info("history: %d executions finished before %s pruned", pruned,
                    cutoff.isoformat(timespec="seconds"))
    return pruned


def _delete_in_batches(model: type[EventRecord | StepRun | ExecutionHost], where: Expression,
                       batch: int) -> None:
    """Delete the rows ``where`` selects, ``batch`` of them per transaction."""
    while True:
        with db.atomic():
            chosen = model.select(model.id).where(where).limit(batch)
            deleted = model.delete().where(model.id.in_(chosen)).execute()
        if deleted < batch:
            return
