"""Counts read from the database when ``/metrics`` is scraped: one grouped query for the
executions by status, one count of the hosts. Every backend process sharing the database
reports the same values (they describe the data, not the process)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import cast

from peewee import Database, fn
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from noc_backend.models import Execution, Host
from noc_contracts import ExecutionStatus

logger = logging.getLogger(__name__)


class DatabaseGauges(Collector):
    """``noc_backend_executions{status}``, ``noc_backend_hosts`` and
    ``noc_backend_database_up`` (0 when the scrape could not read them)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("noc_backend_database_up",
                               "1 when this scrape read the database, else 0")
        try:
            with self.db.connection_context():
                rows = cast(Iterable[tuple[str, int]], Execution.select(
                    Execution.status, fn.COUNT(Execution.id)).group_by(Execution.status).tuples())
                by_status = {str(status): int(count) for status, count in rows}
                hosts = Host.select().count()
        except Exception as exc:  # a full pool raises ValueError: no value, not a failed scrape
            logger.warning("metrics: the database could not be read: %s: %s",
                           type(exc).__name__, exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        executions = GaugeMetricFamily("noc_backend_executions",
                                       "Executions stored, by status", labels=["status"])
        for status in sorted({*map(str, ExecutionStatus), *by_status}):
            executions.add_metric([status], by_status.get(status, 0))
        yield executions
        yield GaugeMetricFamily("noc_backend_hosts", "Hosts in the inventory", value=hosts)
