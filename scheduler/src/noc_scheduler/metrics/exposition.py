"""One scheduler process's metrics registry: the database and queue gauges (read at scrape
time) and the latencies it observed. Built by the ``Runtime``, rendered by ``GET /metrics``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, generate_latest

from noc_scheduler.metrics.gauges import DatabaseGauges, QueueGauge
from noc_scheduler.metrics.latency import Latencies

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime


class SchedulerMetrics:
    def __init__(self, rt: Runtime) -> None:
        self.registry = CollectorRegistry()
        self.latencies = Latencies(self.registry)
        self.registry.register(DatabaseGauges(rt))
        self.registry.register(QueueGauge(rt))

    def render(self) -> bytes:
        return generate_latest(self.registry)
