"""Execution history as the scheduler's events built it: lists and per-host detail."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime

from noc_backend.auth.actor import Actor
from noc_backend.core.errors import NotFound
from noc_backend.models import Execution, ExecutionHost, StepRun
from noc_backend.services import audit
from noc_contracts.api import (
    ExecutionDetail,
    ExecutionHostPublic,
    ExecutionPublic,
    ExecutionsPublic,
    StepRunPublic,
)

logger = logging.getLogger(__name__)


def public(row: Execution) -> ExecutionPublic:
    """An execution as the list shows it."""
    return ExecutionPublic(id=row.id, procedure_id=row.procedure_id,
                           procedure_name=row.procedure_name,
                           procedure_version=row.procedure_version, status=row.status,
                           started_at=row.started_at, finished_at=row.finished_at,
                           hosts_total=row.hosts_total, launched_by=row.launched_by,
                           reason=row.reason)


def list_executions(*, limit: int, offset: int, procedure_id: int | None = None,
                    status: str | None = None, since: datetime | None = None,
                    until: datetime | None = None) -> ExecutionsPublic:
    query = Execution.select()
    if since is not None:
        query = query.where(Execution.started_at >= since)
    if until is not None:
        query = query.where(Execution.started_at < until)
    if procedure_id is not None:
        query = query.where(Execution.procedure_id == procedure_id)
    if status is not None:
        query = query.where(Execution.status == status)
    rows = query.order_by(Execution.started_at.desc(), Execution.id.desc()).limit(limit)
    return ExecutionsPublic(data=[public(r) for r in rows.offset(offset)], count=query.count())


def get_execution(*, execution_id: str) -> ExecutionDetail:
    row = Execution.get_or_none(Execution.id == execution_id)
    if row is None:
        raise NotFound(f"no execution with id '{execution_id}'")
    steps: dict[str, list[StepRunPublic]] = defaultdict(list)
    step_rows = (StepRun.select().where(StepRun.execution == execution_id)
                 .order_by(StepRun.id))
    for s in step_rows:
        steps[s.host].append(StepRunPublic(
            step_id=s.step_id, visit=s.visit, attempt=s.attempt, status=s.status, rc=s.rc,
            changed=s.changed,
            stdout=s.stdout, stderr=s.stderr, msg=s.msg, facts=s.facts,
            started_at=s.started_at, finished_at=s.finished_at))
    hosts = [ExecutionHostPublic(host=h.host, status=h.status, current_node=h.current_node,
                                 path=h.path, steps=steps[h.host])
             for h in ExecutionHost.select().where(ExecutionHost.execution == execution_id)
             .order_by(ExecutionHost.host)]
    return ExecutionDetail(**public(row).model_dump(), hosts=hosts,
                           target=row.target, vars=row.vars,
                           dry_run=row.dry_run, schedule_id=row.schedule_id)


def exists(*, execution_id: str) -> bool:
    return Execution.select().where(Execution.id == execution_id).exists()


def log_cancel(*, execution_id: str, actor: Actor) -> None:
    """Audit a cancel the scheduler accepted (its own transaction: the scheduler made it)."""
    audit.record_alone(actor, "execution.cancel", target_type="execution",
                       target_id=execution_id)
    logger.info("execution %s cancelled by %s", execution_id, actor.username)
