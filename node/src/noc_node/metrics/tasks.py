"""The tasks this node process ran: how each ended, how long it took, and every host result
it recorded for the scheduler. In-process counters: one node is one process (its Huey workers
are threads in it), so they are the node's own; they start from zero when it restarts."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Histogram

from noc_contracts import HostResult, StepStatus

#: how a task run ended (``TaskRun``)
OUTCOMES = ("ok", "failed", "cancelled", "error", "skipped")
#: seconds: an ad-hoc command to a long playbook-like task
DURATION_BUCKETS = (0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)


class TaskRun:
    """One task being run; ``ended`` with every host's result (what the executor returns),
    ``skip`` when it never started."""

    def __init__(self) -> None:
        self.statuses: list[StepStatus] = []
        self.skipped = False

    def ended(self, results: Sequence[HostResult]) -> None:
        self.statuses = [r.status for r in results]

    def skip(self) -> None:
        self.skipped = True

    def outcome(self) -> str:
        """``ok``: every host ended ok; ``cancelled``: one was cancelled; else ``failed``."""
        if self.skipped:
            return "skipped"
        if self.statuses and all(s is StepStatus.ok for s in self.statuses):
            return "ok"
        if StepStatus.cancelled in self.statuses:
            return "cancelled"
        return "failed"


class TaskMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.finished = Counter("noc_node_tasks_finished", "Tasks this node process ran to "
                                "their end, by outcome (ok: every host ok; failed; cancelled; "
                                "error: the executor itself failed; skipped: cancelled or lost "
                                "before it started)", ["outcome"], registry=registry)
        self.duration = Histogram("noc_node_task_duration_seconds", "How long each task ran "
                                  "(all its hosts)", buckets=DURATION_BUCKETS, registry=registry)
        self.host_results = Counter("noc_node_host_results", "Host results recorded for the "
                                    "scheduler, by status", ["status"], registry=registry)
        for outcome in OUTCOMES:
            self.finished.labels(outcome)
        for status in StepStatus:
            self.host_results.labels(str(status))

    @contextmanager
    def run(self) -> Iterator[TaskRun]:
        """Time and count one task run (an exception out of it counts as ``error``)."""
        began, run = time.monotonic(), TaskRun()
        outcome = "error"
        try:
            yield run
            outcome = run.outcome()
        finally:
            self.finished.labels(outcome).inc()
            if not run.skipped:
                self.duration.observe(time.monotonic() - began)

    def reported(self, results: Sequence[HostResult]) -> None:
        for result in results:
            self.host_results.labels(str(result.status)).inc()
