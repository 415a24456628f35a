"""Which pending steps travel to a node together as one TaskRequest.

Steps of one execution waiting on the same flowchart node with the same rendered params go as
one request over all their hosts: the node runs one ansible-runner invocation for them (one
run over 20 hosts costs ~3.3 s of CPU against ~16 s for 20 single-host runs). Each step keeps
its own row, lease and result; they share ``batch_id``, the task id the node knows.
Notifications are never batched: each host run sends its own message.
"""

from __future__ import annotations

import time
from typing import Any

from noc_contracts import CATALOGUE, TaskKind
from noc_scheduler.db import claim, lock
from noc_scheduler.models import Step


def batchable(task_type: str) -> bool:
    spec = CATALOGUE.get(task_type)
    return spec is not None and spec.kind is not TaskKind.notification


def claim_group(task_id: str, db: Any, limit: int) -> list[Step]:
    """In a write transaction: the pending step ``task_id`` first, then its companions.

    Empty when the step is no longer pending. The whole group (same execution, flowchart node,
    task type, timeout and rendered params) is locked in one ordered query, waiting for other
    holders: two dispatchers of one group then never split it, nor deadlock.
    """
    peek = Step.get_or_none(Step.task_id == task_id, Step.status == "pending")
    if peek is None:
        return []
    if not batchable(peek.task_type) or limit <= 1:
        mine = claim(Step.select().where(Step.task_id == task_id, Step.status == "pending"), db)
        return list(mine)
    query = Step.select().where(
        Step.execution_id == peek.execution_id, Step.step_id == peek.step_id,
        Step.task_type == peek.task_type, Step.timeout_s == peek.timeout_s,
        Step.status == "pending",
        # same JSON text (one graph node renders its params in one key order); filtered in SQL
        # so that rows we will not take are not locked away from their own dispatcher
        Step.params == peek.params,
    ).order_by(Step.task_id)
    group = [s for s in lock(query, db) if s.params == peek.params]
    leader = next((s for s in group if s.task_id == task_id), None)
    if leader is None:
        return []
    return [leader, *[s for s in group if s is not leader][:limit - 1]]


def _previous_batch(task_id: str) -> str | None:
    step = Step.get_or_none(Step.task_id == task_id)
    if step is None or step.status != "pending":
        return None
    previous = (Step.select(Step.batch_id)
                .where(Step.host_run == step.host_run, Step.status == "done",
                       Step.batch_id.is_null(False))
                .order_by(Step.finished_at.desc()).first())
    return None if previous is None else str(previous.batch_id)


def await_stragglers(db: Any, task_id: str, window_s: float, poll_s: float = 0.02) -> None:
    """Wait (at most ``window_s``) while steps of this host's previous batch are still out.

    Hosts of one ansible run finish nearly together but their results arrive one by one;
    waiting for the rest lets their next steps leave as one batch again.
    """
    if window_s <= 0:
        return
    with db.connection_context():
        batch = _previous_batch(task_id)
    if batch is None:
        return
    deadline = time.monotonic() + window_s
    while time.monotonic() < deadline:
        with db.connection_context():
            out = Step.select().where(Step.batch_id == batch,
                                      Step.status == "dispatched").exists()
        if not out:
            return
        time.sleep(poll_s)
