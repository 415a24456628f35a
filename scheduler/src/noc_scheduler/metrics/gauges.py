"""Counts read when ``/metrics`` is scraped, each with one query: executions, host runs and
steps by status (grouped), the nodes (one row each: health, running, capacity), and the Huey
queue's pending messages. They describe the shared database and queue, so every scheduler
process on them reports the same values."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from peewee import fn
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from noc_contracts import ExecutionStatus, HostRunStatus
from noc_scheduler.nodes import registry
from noc_scheduler.store.models import Execution, HostRun, Node, Step, utcnow

if TYPE_CHECKING:
    from noc_scheduler.runtime import Runtime

logger = logging.getLogger(__name__)

#: a step row's own status (its result's status is in the result)
STEP_STATES = ("pending", "dispatched", "done")


def _by_status(model: Any) -> dict[str, int]:
    rows = model.select(model.status, fn.COUNT(model.status)).group_by(model.status).tuples()
    return {str(status): int(count) for status, count in rows}


def _family(name: str, documentation: str, counts: dict[str, int],
            known: Iterable[object]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=["status"])
    for status in sorted({*map(str, known), *counts}):
        family.add_metric([status], counts.get(status, 0))
    return family


class DatabaseGauges(Collector):
    """The database's counts, and ``noc_scheduler_database_up`` (0: not readable now)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("noc_scheduler_database_up",
                               "1 when this scrape read the database, else 0")
        settings = self.rt.settings
        try:
            with self.rt.db.connection_context():
                executions = _by_status(Execution)
                host_runs = _by_status(HostRun)
                steps = _by_status(Step)
                now = utcnow()
                nodes = [registry.info(n, now, settings.node_late_s, settings.node_stale_s)
                         for n in Node.select().order_by(Node.name)]
        except Exception as exc:  # a full pool raises ValueError: no value, not a failed scrape
            logger.warning("metrics: the database could not be read: %s: %s",
                           type(exc).__name__, exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield _family("noc_scheduler_executions", "Executions (runs) stored, by status",
                      executions, ExecutionStatus)
        yield _family("noc_scheduler_host_runs", "Host runs stored, by status", host_runs,
                      HostRunStatus)
        yield _family("noc_scheduler_steps", "Step rows stored, by state (pending: waiting "
                      "to be sent; dispatched: on a node; done: result stored)", steps,
                      STEP_STATES)
        health = GaugeMetricFamily("noc_scheduler_node_health", "1 for each registered node, "
                                   "labelled with its health (up, late, down)",
                                   labels=["name", "health"])
        running = GaugeMetricFamily("noc_scheduler_node_running",
                                    "Tasks the node last said it runs", labels=["name"])
        capacity = GaugeMetricFamily("noc_scheduler_node_capacity", "Tasks the node is "
                                     "given at once (its registered capacity, or less if it "
                                     "reported less)", labels=["name"])
        for node in nodes:
            health.add_metric([node.name, str(node.health)], 1)
            running.add_metric([node.name], node.running)
            capacity.add_metric([node.name], node.capacity)
        yield from (health, running, capacity)


class QueueGauge(Collector):
    """``noc_scheduler_queue_depth``: messages waiting in the Huey queue (dispatches and
    cancels not yet taken by a worker)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def collect(self) -> Iterator[Metric]:
        try:
            depth = int(self.rt.huey.pending_count())
        except Exception as exc:  # SQLite or Redis down: no value rather than a failed scrape
            logger.warning("metrics: the queue could not be read: %s", type(exc).__name__)
            return
        yield GaugeMetricFamily("noc_scheduler_queue_depth",
                                "Messages waiting in the scheduler's queue", value=depth)
