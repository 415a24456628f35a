"""Qt-free: what each host of an execution is doing, folded from its events.

``ExecutionState`` applies ``ExecutionEvent``s exactly as the backend builds its history (so
the replay of a run equals ``GET /executions/{id}``), once each by event id, in O(1) per event,
and says which hosts and blocks changed so the view repaints only those.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from noc_contracts import EventType, ExecutionEvent
from noc_contracts.api import ExecutionDetail, ExecutionHostPublic, StepRunPublic
from noc_contracts.events import FINISHED_STATUSES

HOST_ACTIVE = frozenset({"pending", "running"})
StepKey = tuple[str, int, int]


@dataclass(slots=True)
class StepState:
    """One attempt of one visit of a step on a host; ``running`` until its result arrives."""

    step_id: str
    visit: int
    attempt: int
    status: str = "running"
    rc: int | None = None
    changed: bool = False
    stdout: str = ""
    stderr: str = ""
    msg: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    node: str = ""

    @property
    def finished(self) -> bool:
        return self.status != "running"


@dataclass(slots=True)
class HostState:
    name: str
    status: str = "pending"
    current_node: str | None = None
    path: list[str] = field(default_factory=list)
    steps: list[StepState] = field(default_factory=list)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    ended_on: str | None = None  # the block a finished host stopped on (its path's last)
    _by_key: dict[StepKey, StepState] = field(default_factory=dict, repr=False)

    def step(self, key: StepKey, at: datetime | None) -> StepState:
        """The step run for ``key``, added (in order) when it is new."""
        found = self._by_key.get(key)
        if found is None:
            found = StepState(*key, started_at=at)
            self._by_key[key] = found
            self.steps.append(found)
        return found

    def duration_s(self, now: datetime) -> float | None:
        if self.started_at is None:
            return None
        return ((self.finished_at or now) - self.started_at).total_seconds()


class BlockStatus(NamedTuple):
    """How one flowchart block looks for the selected host, and how many hosts are on it: those
    running there now, and those whose run stopped there (an end block, or a task that failed
    with no failure edge)."""

    status: str  # idle | running | success | failed | visited | cancelled
    hosts_here: int


@dataclass
class Changes:
    hosts: set[str] = field(default_factory=set)
    blocks: set[str] = field(default_factory=set)  # whose count of hosts here changed
    execution: bool = False

    def __bool__(self) -> bool:
        return bool(self.hosts or self.blocks or self.execution)


class ExecutionState:
    """One execution: header, per-host state and how many hosts are on each block now (running
    there, or finished there)."""

    def __init__(self, detail: ExecutionDetail, *, with_hosts: bool = True) -> None:
        """From ``GET /executions/{id}``; ``with_hosts=False`` keeps only the header, for a
        replay of the events from the start (the snapshot's hosts would be counted twice)."""
        self.header = detail.model_copy(update={"hosts": []})
        self.status = detail.status
        self.finished_at = detail.finished_at
        self.hosts: dict[str, HostState] = {}
        self.here: Counter[str] = Counter()
        self.ended: Counter[str] = Counter()
        self._seen: set[str] = set()
        # what ``progress`` adds up, kept as the state changes (never recounted)
        self._steps_started = 0
        self._steps_finished = 0
        self._hosts_done = 0
        if with_hosts:
            for public in detail.hosts:
                self._load(public)

    def _load(self, public: ExecutionHostPublic) -> None:
        host = self._host(public.host)
        self._set_host_status(host, public.status)
        host.current_node, host.path = public.current_node, list(public.path)
        for s in public.steps:
            step = self._step(host, (s.step_id, s.visit, s.attempt), s.started_at)
            _fill(step, s.model_dump())
            self._set_step_status(step, s.status)
        if public.steps:
            host.started_at = min((s.started_at for s in public.steps if s.started_at),
                                  default=None)
        if public.current_node and public.status in HOST_ACTIVE:
            self.here[public.current_node] += 1
        elif public.status not in HOST_ACTIVE:
            self._end_on(host, Changes())

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    def progress(self) -> int:
        """How far the run has got, counted so that every event adds to it: steps started,
        steps finished, hosts finished, and the end of the execution. A replay of the events
        has caught up with a snapshot once its progress reaches the snapshot's. Running
        counters: asked after every batch, it never walks the hosts."""
        return (self._steps_started + self._steps_finished + self._hosts_done
                + (1 if self.finished else 0))

    def apply(self, events: Iterable[ExecutionEvent]) -> Changes:
        """Fold ``events`` in (each at most once); what changed."""
        changes = Changes()
        for event in events:
            if event.event_id in self._seen:
                continue
            self._seen.add(event.event_id)
            self._apply(event, changes)
        return changes

    def _host(self, name: str) -> HostState:
        host = self.hosts.get(name)
        if host is None:
            host = self.hosts[name] = HostState(name)
        return host

    def _step(self, host: HostState, key: StepKey, at: datetime | None) -> StepState:
        """``host.step``, counting a step run the first time it is seen."""
        known = len(host.steps)
        step = host.step(key, at)
        if len(host.steps) > known:
            self._steps_started += 1
            self._steps_finished += step.finished
        return step

    def _set_step_status(self, step: StepState, status: str) -> None:
        was = step.finished
        step.status = status
        self._steps_finished += step.finished - was

    def _set_host_status(self, host: HostState, status: str) -> None:
        was = host.status not in HOST_ACTIVE
        host.status = status
        self._hosts_done += (status not in HOST_ACTIVE) - was

    def _move(self, host: HostState, node: str | None, changes: Changes) -> None:
        """Set where ``host`` is now, keeping the per-block counts."""
        if host.current_node is not None and host.status in HOST_ACTIVE:
            self.here[host.current_node] -= 1
            changes.blocks.add(host.current_node)
        host.current_node = node
        if node is not None and host.status in HOST_ACTIVE:
            self.here[node] += 1
            changes.blocks.add(node)

    def _apply(self, event: ExecutionEvent, changes: Changes) -> None:
        kind = event.type
        if kind == EventType.execution_started:
            # as the backend records it: the run starts when the scheduler says it did (a
            # snapshot taken before this event carries the launch time)
            self.header = self.header.model_copy(update={"started_at": event.at})
            for name in event.data.get("hosts") or []:
                if isinstance(name, str) and name not in self.hosts:
                    self._host(name)
                    changes.hosts.add(name)
            changes.execution = True
        elif kind == EventType.execution_finished:
            self.status, self.finished_at = event.status or "failed", event.at
            changes.execution = True
        elif event.host is not None and kind in _HOST_HANDLERS:
            host = self._host(event.host)
            _HOST_HANDLERS[kind](self, host, event, changes)
            changes.hosts.add(host.name)

    def _step_started(self, host: HostState, event: ExecutionEvent, changes: Changes) -> None:
        if event.step_id is None:
            return
        if host.status == "pending":
            self._set_host_status(host, "running")
            host.started_at = event.at
        self._move(host, event.step_id, changes)
        host.path.append(event.step_id)
        step = self._step(host, (event.step_id, event.visit or 1, event.attempt or 1), event.at)
        if not step.finished:
            step.node = str(event.data.get("node", ""))

    def _step_finished(self, host: HostState, event: ExecutionEvent, _: Changes) -> None:
        if event.step_id is None:
            return
        step = self._step(host, (event.step_id, event.visit or 1, event.attempt or 1), None)
        stored_before = step.finished
        self._set_step_status(step, event.status or "error")
        if event.result is not None:
            _fill(step, event.result.model_dump())
            self._set_step_status(step, event.result.status.value)
            step.finished_at = event.result.finished_at or event.at
        elif not stored_before:
            step.started_at = step.finished_at = None  # as the backend stores it

    def _host_finished(self, host: HostState, event: ExecutionEvent, changes: Changes) -> None:
        self._move(host, None, changes)
        self._set_host_status(host, event.status or "failed")
        host.finished_at = event.at
        walked = event.data.get("path")
        if isinstance(walked, list) and all(isinstance(n, str) for n in walked):
            host.path = list(walked)
        self._end_on(host, changes)

    def _end_on(self, host: HostState, changes: Changes) -> None:
        """Count a finished host on the block it stopped on (once, even if told twice)."""
        if host.ended_on is not None:
            self.ended[host.ended_on] -= 1
            changes.blocks.add(host.ended_on)
        host.ended_on = host.path[-1] if host.path else None
        if host.ended_on is not None:
            self.ended[host.ended_on] += 1
            changes.blocks.add(host.ended_on)

    def hosts_on(self, node: str) -> int:
        """How many hosts are on ``node``: running there now or finished there."""
        return self.here.get(node, 0) + self.ended.get(node, 0)

    # ---- views ---------------------------------------------------------------------------
    def block_states(self, host_name: str | None) -> dict[str, BlockStatus]:
        """Each block on the host's path (or where hosts are now): its status for that host."""
        out = {node: BlockStatus("idle", self.hosts_on(node))
               for node in {*self.here, *self.ended} if self.hosts_on(node) > 0}
        host = self.hosts.get(host_name or "")
        if host is None:
            return out
        latest: dict[str, str] = {s.step_id: s.status for s in host.steps}
        for node in host.path:
            status = latest.get(node)
            look = "visited" if status is None else _LOOK.get(status, "failed")
            out[node] = BlockStatus(look, self.hosts_on(node))
        now = host.current_node
        if now is not None and host.status in HOST_ACTIVE and latest.get(now) is None:
            out[now] = BlockStatus("running", self.hosts_on(now))
        return out

    def status_counts(self) -> Counter[str]:
        return Counter(h.status for h in self.hosts.values())

    def to_detail(self) -> ExecutionDetail:
        """The state as ``GET /executions/{id}`` reports it (finished steps only)."""
        hosts = [ExecutionHostPublic(
            host=h.name, status=h.status, current_node=h.current_node, path=list(h.path),
            steps=[StepRunPublic(step_id=s.step_id, visit=s.visit, attempt=s.attempt,
                                 status=s.status, rc=s.rc, changed=s.changed, stdout=s.stdout,
                                 stderr=s.stderr, msg=s.msg, facts=s.facts,
                                 started_at=s.started_at, finished_at=s.finished_at)
                   for s in h.steps if s.finished])
            for h in sorted(self.hosts.values(), key=lambda h: h.name)]
        return self.header.model_copy(update={"status": self.status, "hosts": hosts,
                                              "finished_at": self.finished_at})


_LOOK = {"ok": "success", "cancelled": "cancelled", "running": "running"}
_HOST_HANDLERS = {EventType.step_started: ExecutionState._step_started,
                  EventType.step_finished: ExecutionState._step_finished,
                  EventType.host_finished: ExecutionState._host_finished}


def _fill(step: StepState, values: dict[str, Any]) -> None:
    for name in ("rc", "changed", "stdout", "stderr", "msg", "facts", "started_at",
                 "finished_at"):
        if name in values:
            setattr(step, name, values[name])
