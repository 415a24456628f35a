"""Send a pending step to a node: claim it (and its batch companions), pick a node, POST.

The claim commits before the POST (so a fast result finds the step dispatched to its node);
a failed POST puts the step back to pending for the maintenance loop to retry.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from noc_contracts import REVEAL, EventType, TaskRequest
from noc_scheduler import batching, flows, nodes
from noc_scheduler.events import emit
from noc_scheduler.models import Node, Step, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)


def _mark_dispatched(rt: Runtime, steps: list[Step], batch_id: str, node: Node,
                     now: datetime) -> None:
    lease = timedelta(seconds=steps[0].timeout_s + rt.settings.lease_grace_s)
    for step in steps:
        step.status = "dispatched"
        step.node = node.name
        step.batch_id = batch_id
        step.dispatched_at = now
        step.lease_expires_at = now + lease
        step.save()
        emit(step.execution_id, EventType.step_started, now, host=step.host_run.host_name,
             step_id=step.step_id, visit=step.visit, attempt=step.attempt,
             data={"task_id": step.task_id, "batch_id": batch_id, "node": node.name,
                   "batch_size": len(steps)})


def dispatch_step(rt: Runtime, task_id: str) -> bool:
    """Try once to hand ``task_id`` (and the steps batched with it) to a node.

    True when a node accepted the request.
    """
    db, settings = rt.db, rt.settings
    if settings.batching:
        batching.await_stragglers(db, task_id, settings.batch_window_s)
    now = utcnow()
    retry_at = now + timedelta(seconds=flows.REDISPATCH_AFTER_S)
    with db.connection_context():
        with db.atomic():
            limit = settings.batch_max_hosts if settings.batching else 1
            steps = batching.claim_group(task_id, db, limit)
            if not steps:
                return False
            step = steps[0]
            node = nodes.choose(now, settings.node_stale_s)
            if node is None:
                logger.info("no healthy node for task %s; will retry", task_id)
                step.next_attempt_at = retry_at
                step.save()
                return False
            hosts = [flows.load_host(rt.box, s.host_run) for s in steps]
            _mark_dispatched(rt, steps, task_id, node, now)
            Node.update(queue_depth=Node.queue_depth + 1).where(Node.id == node.id).execute()
            execution = step.host_run.execution
            request = TaskRequest(task_id=task_id, execution_id=execution.id,
                                  step_id=step.step_id, task_type=step.task_type,
                                  params=step.params, hosts=hosts, timeout_s=step.timeout_s,
                                  check_mode=execution.check_mode)
            url, token = node.url, rt.box.decrypt(node.token_enc)
        if len(steps) > 1:
            logger.info("task %s: step %s batched over %d hosts", task_id, step.step_id,
                        len(steps))
        payload = request.model_dump(mode="json", by_alias=True, context=REVEAL)
        try:
            response = rt.http.post(f"{url}/tasks", json=payload,
                                    headers={"Authorization": f"Bearer {token}"})
            if response.status_code < 300:
                return True
            problem = f"node {node.name} answered {response.status_code}"
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            problem = f"node {node.name} unreachable: {type(exc).__name__}"
        except httpx.HTTPError as exc:
            # the node may have accepted it: sending it again could run the task twice,
            # so leave it dispatched and let its lease settle it
            logger.warning("dispatch of %s to %s unanswered (%s); its lease decides",
                           task_id, node.name, type(exc).__name__)
            return True
        logger.warning("dispatch of %s failed: %s; will retry", task_id, problem)
        with db.atomic():
            Step.update(status="pending", node=None, batch_id=None, lease_expires_at=None,
                        dispatched_at=None, next_attempt_at=retry_at).where(
                Step.batch_id == task_id, Step.status == "dispatched",
                Step.node == node.name).execute()
    return False


def cancel_remote(rt: Runtime, task_id: str, node_name: str) -> None:
    """Ask a node to stop a task (best effort: its lease or result settles it anyway)."""
    with rt.db.connection_context():
        node = Node.get_or_none(Node.name == node_name)
        if node is None:
            return
        url, token = node.url, rt.box.decrypt(node.token_enc)
    try:
        rt.http.post(f"{url}/tasks/{task_id}/cancel",
                     headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as exc:
        logger.warning("cancel of %s on %s failed: %s", task_id, node_name, type(exc).__name__)
