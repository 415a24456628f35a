"""One node's metrics registry: the task counters (``tasks``) and, read at scrape time, the
tasks running, the queue's pending messages and the result outbox's items."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from noc_node.metrics.tasks import TaskMetrics

logger = logging.getLogger(__name__)


class StateGauges(Collector):
    """Each value read by its function when scraped (one outbox count, one queue count); a
    value that cannot be read now is left out rather than failing the scrape."""

    def __init__(self, running: Callable[[], int], queue_depth: Callable[[], int],
                 outbox_depth: Callable[[], int]) -> None:
        self.reads = [
            ("noc_node_tasks_running", "Tasks running on this node now", running),
            ("noc_node_queue_depth", "Tasks accepted and waiting in the node's queue",
             queue_depth),
            ("noc_node_result_outbox_depth", "Host results waiting to be delivered to the "
             "scheduler", outbox_depth)]

    def collect(self) -> Iterator[Metric]:
        for name, documentation, read in self.reads:
            try:
                value = read()
            except Exception as exc:  # the queue's Redis or the node's database is down
                logger.warning("metrics: %s could not be read: %s", name, type(exc).__name__)
                continue
            yield GaugeMetricFamily(name, documentation, value=value)


class NodeMetrics:
    def __init__(self, running: Callable[[], int], queue_depth: Callable[[], int],
                 outbox_depth: Callable[[], int]) -> None:
        self.registry = CollectorRegistry()
        self.tasks = TaskMetrics(self.registry)
        self.registry.register(StateGauges(running, queue_depth, outbox_depth))

    def render(self) -> bytes:
        return generate_latest(self.registry)
