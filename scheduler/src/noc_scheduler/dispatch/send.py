"""Send a pending step to a node: claim it (and its batch companions), pick a node, POST.

The claim commits before the POST (so a fast result finds the step dispatched to its node).
What the node answers decides the rest: 2xx, accepted; a refusal for good (a 4xx that is not
one of ``TRANSIENT``) ends the step ``error`` with the node's message and follows the failure
path; a transient failure (unreachable, 5xx, 429, ...) puts the step back to pending with a
growing delay, until ``dispatch_max_attempts`` ends it ``error`` naming the last problem.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from noc_contracts import REVEAL, EventType, StepStatus, TaskRequest, format_labels
from noc_contracts.nodes import labels_of
from noc_scheduler.dispatch import batching
from noc_scheduler.events import outbox
from noc_scheduler.events.outbox import emit
from noc_scheduler.nodes import registry
from noc_scheduler.peers.error_body import describe
from noc_scheduler.runs import advance, flows, results
from noc_scheduler.store.db import among, lock
from noc_scheduler.store.models import Execution, Node, Step, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

#: 4xx answers that may pass (a token or URL being fixed, a node restarting, back-pressure)
TRANSIENT = frozenset({401, 403, 404, 408, 409, 425, 429})
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 30.0


def backoff_s(attempts: int) -> float:
    """The delay before the next try after ``attempts`` transient failures."""
    return float(min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1)))


def _mark_dispatched(rt: Runtime, steps: list[Step], batch_id: str, node: Node,
                     now: datetime) -> None:
    """One UPDATE for the whole request (every step gets the same node, batch and lease)."""
    lease = now + timedelta(seconds=steps[0].timeout_s + rt.settings.lease_grace_s)
    Step.update(status="dispatched", node=node.name, batch_id=batch_id, dispatched_at=now,
                lease_expires_at=lease).where(
        among(Step.task_id, [s.task_id for s in steps], rt.db)).execute()
    with outbox.collected():
        for step in steps:
            step.status, step.node, step.batch_id = "dispatched", node.name, batch_id
            step.dispatched_at, step.lease_expires_at = now, lease
            emit(step.execution_id, EventType.step_started, now, host=step.host_run.host_name,
                 step_id=step.step_id, visit=step.visit, attempt=step.attempt,
                 data={"task_id": step.task_id, "batch_id": batch_id, "node": node.name,
                       "batch_size": len(steps)})


def dispatch_step(rt: Runtime, task_id: str) -> bool:
    """Try once to hand ``task_id`` (and the steps batched with it) to a node: with batching,
    its group's pending steps, led by ``task_id`` unless that was taken meanwhile.

    True when a node accepted the request (or may have: an unanswered POST is left to its
    lease, since sending it again could run the task twice).
    """
    db, settings = rt.db, rt.settings
    wait = (batching.Wait(settings.batch_window_s, settings.batch_wait_running_s)
            if settings.batching else batching.Wait(0, 0))
    # the group stays this dispatch's until its claim has committed
    with batching.stragglers_awaited(db, task_id, wait, rt.arrivals, rt.waiters,
                                     turned_away=rt.enqueue_dispatch) as go:
        if not go:
            return False  # the dispatch waiting for this group takes it
        now = utcnow()
        unplaced: list[int] = []
        with db.connection_context(), db.atomic():
            limit = settings.batch_max_hosts if settings.batching else 1
            claimed = batching.claim_group(task_id, db, limit, now)
            steps = claimed.steps
            if not steps:
                return False
            step = steps[0]
            batch_id = step.task_id  # the leader: task_id itself unless another dispatch took it
            selector = labels_of(step.selector)
            node = registry.choose(now, settings.node_stale_s, selector)
            if node is None:
                unplaced = _unplaced(rt, steps, selector, now)
            else:
                hosts = [flows.load_host(rt.box, s.host_run) for s in steps]
                _mark_dispatched(rt, steps, batch_id, node, now)
                Node.update(queue_depth=Node.queue_depth + 1).where(Node.id == node.id).execute()
                execution = Execution.get_by_id(step.execution_id)
                request = TaskRequest(task_id=batch_id, execution_id=execution.id,
                                      step_id=step.step_id, task_type=step.task_type,
                                      params=step.params, hosts=hosts, timeout_s=step.timeout_s,
                                      check_mode=execution.check_mode)
                name, url, token = node.name, node.url, rt.box.decrypt(node.token_enc)
    if node is None:
        advance.advance_now(rt, unplaced)  # the steps that gave up waiting
        return False
    if claimed.leftover is not None:  # the rest of a group larger than one request
        rt.enqueue_dispatch([claimed.leftover])
    if len(steps) > 1:
        logger.info("task %s: step %s batched over %d hosts", batch_id, step.step_id, len(steps))
    # JSON text straight from the model: a dict of every host then httpx's encoder cost twice
    payload = request.model_dump_json(by_alias=True, context=REVEAL)
    try:
        response = rt.http.post(f"{url}/tasks", content=payload,
                                headers={"Authorization": f"Bearer {token}",
                                         "Content-Type": "application/json"})
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        # the request never reached it: another node may take the steps at once
        with db.connection_context(), db.atomic():
            registry.unreachable(name, utcnow(), settings.node_stale_s)
        _failed(rt, batch_id, name, f"node {name} unreachable: {type(exc).__name__}", False,
                retry_now=True)
        return False
    except httpx.HTTPError as exc:
        logger.warning("dispatch of %s to %s unanswered (%s); its lease decides",
                       batch_id, name, type(exc).__name__)
        return True
    if response.status_code < 300:
        rt.metrics.latencies.dispatched(steps, utcnow())
        return True
    refused = 400 <= response.status_code < 500 and response.status_code not in TRANSIENT
    problem = f"node {name} answered {response.status_code}: {describe(response)}"
    _failed(rt, batch_id, name, problem, refused)
    return False


def _unplaced(rt: Runtime, steps: list[Step], selector: dict[str, str],
              now: datetime) -> list[int]:
    """In the claim's transaction: no healthy node may take ``steps``. They wait (the problem
    named on them) and try again later; once the oldest has waited ``placement_wait_s`` they
    end ``error`` saying what they waited for. The host runs now due."""
    wanted = f" with {format_labels(selector)}" if selector else ""
    base = f"no healthy node{wanted} could take it"
    last = steps[0].last_problem or ""
    if last.startswith(base):  # waiting already: its text (and the cause it names) stays
        problem = last
    elif last and not last.startswith("no healthy node"):  # why a node was left out
        problem = f"{base} (last attempt: {last})"
    else:
        problem = base
    waited = (now - min(s.created_at for s in steps)).total_seconds()
    if waited < rt.settings.placement_wait_s:
        logger.info("task %s: %s; will retry", steps[0].task_id, problem)
        Step.update(next_attempt_at=now + timedelta(seconds=flows.REDISPATCH_AFTER_S),
                    last_problem=problem).where(
            Step.task_id.in_([s.task_id for s in steps])).execute()
        return []
    message = problem.replace(base, f"{base} within {rt.settings.placement_wait_s:g} s", 1)
    logger.warning("task %s: %s; %d step(s) end error", steps[0].task_id, message, len(steps))
    due: list[int] = []
    # the claim loaded only part of each host run: settling reads its state
    full = Step.select().where(Step.task_id.in_([s.task_id for s in steps]))
    with outbox.collected():
        for step in full:
            if (host_run_id := results.settle(step, message, now,
                                              StepStatus.error)) is not None:
                due.append(host_run_id)
    return due


def _failed(rt: Runtime, task_id: str, node_name: str, problem: str, refused: bool,
            retry_now: bool = False) -> None:
    """The POST failed: end the steps ``error`` (refused, or out of attempts) or retry later
    (``retry_now``: at once, the node being out of placement)."""
    logger.warning("dispatch of %s failed: %s%s", task_id, problem,
                   "" if refused else "; will retry")
    due: list[int] = []
    with rt.db.connection_context(), rt.db.atomic(), outbox.collected():
        now = utcnow()
        steps = lock(Step.select().where(Step.batch_id == task_id, Step.status == "dispatched",
                                         Step.node == node_name).order_by(Step.task_id), rt.db)
        ended: list[str] = []
        retried: list[Step] = []
        for step in steps:
            attempts = step.dispatch_attempts + 1
            if refused or attempts >= rt.settings.dispatch_max_attempts:
                message = (f"refused by the node: {problem}" if refused else
                           f"not dispatched after {attempts} attempts: {problem}")
                step.dispatch_attempts = attempts
                ended.append(step.task_id)
                if (host_run_id := results.settle(step, message, now,
                                                  StepStatus.error)) is not None:
                    due.append(host_run_id)
                continue
            step.status, step.node, step.batch_id = "pending", None, None
            step.lease_expires_at = step.dispatched_at = None
            step.dispatch_attempts, step.last_problem = attempts, problem
            step.next_attempt_at = now + timedelta(seconds=0 if retry_now else
                                                   backoff_s(attempts))
            step.save()
            retried.append(step)
        # the node never took this request, and its id may lead a later one (the leader goes
        # back to pending): the steps that ended here keep no part of it
        if ended:
            Step.update(batch_id=None).where(Step.task_id.in_(ended)).execute()
        Node.update(queue_depth=Node.queue_depth - 1).where(
            Node.name == node_name, Node.queue_depth > 0).execute()
    advance.advance_now(rt, due)
    if retry_now and retried:
        rt.enqueue_dispatch(batching.to_enqueue(retried, rt.settings.batching))


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
