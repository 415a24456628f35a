"""The latencies this scheduler process observes, from the steps' stored times: dispatch (the
step became ready, its row created, -> a node accepted it) and result (sent -> its result
stored). Counted in the process that did the work: with several schedulers on one database,
Prometheus sums their series."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from prometheus_client import CollectorRegistry, Histogram

from noc_scheduler.store.models import Step

#: seconds: from a fast local dispatch to a task of several minutes
DISPATCH_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
RESULT_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)


class Latencies:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.dispatch = Histogram(
            "noc_scheduler_dispatch_latency_seconds", "From a step being ready (its row "
            "created) to a node accepting it", buckets=DISPATCH_BUCKETS, registry=registry)
        self.result = Histogram(
            "noc_scheduler_result_latency_seconds", "From a step being sent to a node to its "
            "result being stored", buckets=RESULT_BUCKETS, registry=registry)

    def dispatched(self, steps: Iterable[Step], accepted_at: datetime) -> None:
        """A node accepted ``steps`` (its answer came at ``accepted_at``)."""
        for step in steps:
            self.dispatch.observe(max(0.0, (accepted_at - step.created_at).total_seconds()))

    def stored(self, dispatched_at: Iterable[datetime | None], now: datetime) -> None:
        """Results were stored at ``now`` for steps sent at ``dispatched_at``."""
        for sent in dispatched_at:
            if sent is not None:
                self.result.observe(max(0.0, (now - sent).total_seconds()))
