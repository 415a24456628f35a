"""Removing a node: its token stops working at once, and what it had in hand is settled.

Steps dispatched to it end ``lost`` naming the removal and follow their failure path; as the
node may still be running them, a retry waits until their lease plus the kill grace has
passed. The host runs are marked due for the maintenance loop of the serving process (the
``nodes remove`` command evaluates nothing itself).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from noc_scheduler.nodes import registry
from noc_scheduler.runs import results
from noc_scheduler.store.db import lock
from noc_scheduler.store.models import HostRun, Step, database

logger = logging.getLogger(__name__)


def remove(name: str, now: datetime, kill_grace_s: float) -> int:
    """In a write transaction: delete node ``name``; returns how many steps were settled."""
    node = registry.named(name)
    outstanding = list(lock(Step.select().where(Step.node == name,
                                                Step.status == "dispatched"), database))
    due: list[int] = []
    for step in outstanding:
        lease_end = max(step.lease_expires_at or now, now)
        not_before = lease_end + timedelta(seconds=kill_grace_s)
        host_run_id = results.settle(step, f"node {name} was removed from the scheduler", now,
                                     retry_not_before=not_before)
        if host_run_id is not None:
            due.append(host_run_id)
    if due:  # advanced by the next maintenance tick of the serving scheduler
        HostRun.update(advance_at=now).where(HostRun.id.in_(due)).execute()
    node.delete_instance()
    logger.info("node %s removed; %d dispatched step(s) settled lost", name, len(outstanding))
    return len(outstanding)
