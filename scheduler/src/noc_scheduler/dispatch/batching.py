"""Which pending steps travel to a node together as one TaskRequest.

Steps of one execution waiting on the same flowchart node with the same rendered params go as
one request over all their hosts: the node runs one ansible-runner invocation for them (one
run over 20 hosts costs ~3.3 s of CPU against ~16 s for 20 single-host runs). Each step keeps
its own row, lease and result; they share ``batch_id``, the task id the node knows.
Notifications are never batched: each host run sends its own message.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from noc_contracts import CATALOGUE, TaskKind, jsontext
from noc_scheduler.store.db import among, claim
from noc_scheduler.store.models import HostRun, Step, utcnow


def batchable(task_type: str) -> bool:
    spec = CATALOGUE.get(task_type)
    return spec is not None and spec.kind is not TaskKind.notification


#: the Step fields whose values alike make pending steps travel together (same execution,
#: flowchart node, task type, timeout, node selector and rendered params), in Python and in
#: SQL alike: one request goes to one node, so hosts for different sites never share one
GROUP_FIELDS = ("execution_id", "step_id", "task_type", "timeout_s", "selector", "params")


def _field(step: Step | Mapping[str, Any], name: str) -> Any:
    return step[name] if isinstance(step, Mapping) else getattr(step, name)


def _group_key(step: Step | Mapping[str, Any]) -> tuple[Any, ...]:
    """The values of ``GROUP_FIELDS``, params as JSON text (as the database compares them;
    the others are plain strings and numbers, hashable as they are)."""
    return tuple(jsontext.dumps(_field(step, name)) if name == "params" else _field(step, name)
                 for name in GROUP_FIELDS)


def leaders(steps: Sequence[Step | Mapping[str, Any]]) -> list[str]:
    """The steps to enqueue for dispatch (Step rows, or new steps' rows by field name): one
    per group that will travel together (its dispatch claims the others), every step that is
    never batched."""
    seen: set[tuple[Any, ...]] = set()
    found: list[str] = []
    for step in steps:
        if batchable(_field(step, "task_type")):
            key = _group_key(step)
            if key in seen:
                continue
            seen.add(key)
        found.append(_field(step, "task_id"))
    return found


def to_enqueue(steps: Sequence[Step], batching: bool) -> list[str]:
    """The task ids to queue for dispatch of pending ``steps``: their groups' leaders with
    batching on, every one with it off."""
    return leaders(steps) if batching else [s.task_id for s in steps]


@dataclass
class Claimed:
    """The steps one request carries (the leader first, each with its host run loaded), and
    the first pending companion left over when the group is larger than a request takes."""

    steps: list[Step]
    leftover: str | None = None


def _pending_with_hosts() -> Any:
    """Pending steps, host runs joined: only their name and encrypted host, not their flow
    state (decoding every host's state per dispatch was most of its cost)."""
    return Step.select(Step, HostRun.id, HostRun.host_name, HostRun.host_enc).join(HostRun).where(
        Step.status == "pending")


def _pending_alike(step: Step) -> Any:
    """The pending steps of ``step``'s group (itself included while pending), by task id.

    Params compared as the step's stored JSON text itself (one graph node renders its params
    in one key order), never a decoded and re-encoded copy that another encoder may have
    written differently."""
    same_params = Step.params == Step.select(Step.params).where(Step.task_id == step.task_id)
    return _pending_with_hosts().where(
        same_params, *[getattr(Step, name) == getattr(step, name) for name in GROUP_FIELDS
                       if name != "params"]).order_by(Step.task_id)


def _due(now: datetime) -> Any:
    """Not waiting out a dispatch backoff."""
    return (Step.dispatch_attempts == 0) | (Step.next_attempt_at <= now)


def claim_group(task_id: str, db: Any, limit: int, now: datetime | None = None) -> Claimed:
    """In a write transaction: the pending steps of ``task_id``'s group, ``task_id`` first
    when it is still pending (it leads the request), else the first of the others.

    The group is claimed whether or not ``task_id`` itself still waits: a dispatch stands for
    its group, so a step whose dispatch finds its own step taken (by another process, a
    leftover dispatch or a claim running beside it) is never stranded. One ordered query
    skips rows another dispatcher holds (one lock order, never a wait: no deadlock; those
    rows are that dispatcher's to send). Never-batched steps (notifications) are claimed
    alone. A dispatch standing in for a step taken meanwhile leaves the steps waiting out a
    dispatch backoff (their request failed) until ``now`` reaches their next attempt: every try
    counts against ``dispatch_max_attempts``, and stale dispatches of a group must not spend
    them (the maintenance loop queues their group again once due).
    """
    now = now or utcnow()
    peek = Step.get_or_none(Step.task_id == task_id)
    if peek is None:
        return Claimed([])
    if not batchable(peek.task_type) or limit <= 1:
        return Claimed(list(claim(_pending_with_hosts().where(Step.task_id == task_id), db,
                                  of=Step)))
    alike = _pending_alike(peek)
    if peek.status != "pending":
        alike = alike.where(_due(now))
    group = list(claim(alike, db, of=Step))
    if not group:
        return Claimed([])
    leader = next((s for s in group if s.task_id == task_id), group[0])
    others = [s for s in group if s is not leader]
    if len(others) >= limit:
        others = _same_batch_first(leader, others)
    left = others[limit - 1:]
    return Claimed([leader, *others[:limit - 1]], left[0].task_id if left else None)


def _same_batch_first(leader: Step, others: list[Step]) -> list[Step]:
    """``others`` with the hosts that were in the leader's previous batch first (in task id
    order, as before): a group larger than one request leaves as the batches it came in, so
    each part waits for its own stragglers next time, instead of mixing two batches and
    splitting both again at every step."""
    previous = _previous_batch(leader)
    if previous is None:
        return others
    came_with = {row.__data__["host_run"] for row in Step.select(Step.host_run).where(
        Step.batch_id == previous)}
    return sorted(others, key=lambda s: s.__data__["host_run"] not in came_with)


class Arrivals:
    """Result arrivals in this process: a dispatch waiting for stragglers wakes when results
    are stored instead of polling the database (results stored by another scheduler process
    are seen by a slower re-check)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()

    def notify(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def wait(self, timeout: float) -> None:
        with self._cond:
            self._cond.wait(timeout)


class Waiters:
    """The groups a dispatch of this process is waiting for stragglers of (and then claiming):
    a second dispatch of the same group leaves its step to the one holding it instead of
    holding another worker for the same wait. The task ids turned away are handed back when
    the group is left, so a step committed too late for the holder's claim is dispatched again
    at once, not left to the maintenance loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._groups: dict[tuple[Any, ...], list[str]] = {}

    def enter(self, group: tuple[Any, ...], task_id: str | None = None) -> bool:
        """True: this dispatch holds the group (call ``leave`` after); False: another already
        does, and ``task_id`` is noted for it."""
        with self._lock:
            if group in self._groups:
                if task_id is not None:
                    self._groups[group].append(task_id)
                return False
            self._groups[group] = []
            return True

    def leave(self, group: tuple[Any, ...]) -> list[str]:
        """The task ids turned away while this dispatch held the group."""
        with self._lock:
            return self._groups.pop(group, [])

    def __len__(self) -> int:
        """How many groups are being waited for."""
        with self._lock:
            return len(self._groups)


@dataclass(frozen=True)
class Wait:
    """How long a dispatch waits for the hosts that were on its host's previous step."""

    #: after they have all ended that step, for their results to be stored and advanced
    settle_s: float
    #: while some still run it on a node (hosts of one Ansible run end seconds apart over SSH)
    running_s: float


def _previous_batch(step: Step) -> str | None:
    """The batch of the previous step of ``step``'s host (if that went in one)."""
    previous = (Step.select(Step.batch_id)
                .where(Step.host_run == step.host_run, Step.status == "done",
                       Step.batch_id.is_null(False))
                .order_by(Step.finished_at.desc()).first())
    return None if previous is None else str(previous.batch_id)


def _pause(arrivals: Arrivals, since: float, at_most: float, at_least: float) -> None:
    """Until results arrive (at most ``at_most``), but not less than ``at_least``: a host's
    result arrives every few milliseconds in a large execution, and each look is a query."""
    arrivals.wait(at_most)
    rest = since + at_least - time.monotonic()
    if rest > 0:
        time.sleep(rest)


def await_stragglers(db: Any, task_id: str, wait: Wait, arrivals: Arrivals,
                     waiters: Waiters | None = None, recheck_s: float = 0.1) -> bool:
    """``stragglers_awaited`` for a caller that claims nothing after it: the group is left as
    soon as the wait ends."""
    with stragglers_awaited(db, task_id, wait, arrivals, waiters, recheck_s) as go:
        return go


@contextmanager
def stragglers_awaited(db: Any, task_id: str, wait: Wait, arrivals: Arrivals,
                       waiters: Waiters | None = None, recheck_s: float = 0.1,
                       turned_away: Callable[[list[str]], None] | None = None
                       ) -> Iterator[bool]:
    """Wait while hosts of this host's previous batch have not yet caught up: at most
    ``wait.running_s`` while some still run it on a node, then while their results are being
    advanced: at most ``wait.settle_s`` after the last of them moved on (``running_s +
    settle_s`` in all). Yields False when another dispatch of this process waits for the same
    group and will take this step with it; True, then the caller claims inside the block.

    The group stays this dispatch's until the block ends, so a second dispatch of it leaves
    its step to this one's claim instead of claiming, the moment this wait ends, what the claim
    leaves over: hosts of another batch whose stragglers nobody waited for (a group of 1,000
    hosts in two batches of 500 split into 380 + 120 that way, and stayed split). The steps of
    the dispatches turned away meanwhile that the claim did not take (committed after it
    read) go to ``turned_away`` once the group is left, to be dispatched again.

    Hosts of one Ansible run end apart (seconds over SSH), and their results arrive apart;
    waiting for the rest lets their next steps leave as one batch again. One connection for
    the whole wait; woken by ``arrivals`` (results stored, host runs advanced).
    """
    if wait.settle_s <= 0 and wait.running_s <= 0:
        yield True
        return
    with db.connection_context():
        step = Step.get_or_none(Step.task_id == task_id)
        group = None if step is None or not batchable(step.task_type) else _group_key(step)
    if step is None or group is None:
        yield True
        return
    if waiters is not None and not waiters.enter(group, task_id):
        yield False
        return
    try:
        with db.connection_context():
            _wait_for_batch(step, wait, arrivals, recheck_s)
        yield True
    finally:
        refused = waiters.leave(group) if waiters is not None else []
        if refused and turned_away is not None:
            with db.connection_context():
                still = [r.task_id for r in Step.select(Step.task_id).where(
                    among(Step.task_id, refused, db), Step.status == "pending")]
            if still:
                turned_away(still)


def _wait_for_batch(step: Step, wait: Wait, arrivals: Arrivals, recheck_s: float) -> None:
    start = time.monotonic()
    # the group's first waiting step stands for it when this one was taken already
    first = step if step.status == "pending" else _pending_alike(step).first()
    batch_id = None if first is None else _previous_batch(first)
    if batch_id is None:
        return
    # behind: still running, or a result whose host run has not moved on since
    behind = Step.select(Step.task_id).join(HostRun).where(
        Step.batch_id == batch_id,
        (Step.status == "dispatched") | HostRun.advance.is_null(False))
    running = behind.where(Step.status == "dispatched")
    settle_from, fewest = start, None
    while True:
        now = time.monotonic()
        if now - start < wait.running_s and running.exists():
            settle_from = now
            _pause(arrivals, now, recheck_s, recheck_s)
            continue
        still = behind.count()
        if not still:
            return
        # the window runs from the last host advanced, not from the first: the hosts of a
        # large batch are advanced a few hundred at a time, and one still moving on is worth
        # waiting for while they move
        if fewest is None or still < fewest:
            settle_from, fewest = now, still
        left = min(settle_from + wait.settle_s, start + wait.running_s + wait.settle_s) - now
        if left <= 0:
            return
        _pause(arrivals, now, min(left, recheck_s), min(left, recheck_s / 4))
