"""Everything one scheduler process shares: settings, database, secrets, HTTP, the queue.

Built once (by ``create_app`` or the CLI) and handed to the functions that need it.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any

import httpx
from peewee import Database

from noc_scheduler import sandbox
from noc_scheduler.clockfile import build_clock
from noc_scheduler.core.config import Settings
from noc_scheduler.dispatch.batching import Arrivals, Waiters
from noc_scheduler.dispatch.queue import build_huey
from noc_scheduler.flow.evaluator import Evaluator
from noc_scheduler.metrics.exposition import SchedulerMetrics
from noc_scheduler.migrations import Step, migrate_database
from noc_scheduler.peers.backend_client import BackendClient
from noc_scheduler.store.crypto import SecretBox
from noc_scheduler.store.db import close_database, open_database
from noc_scheduler.store.models import database
from noc_scheduler.timing import Clock

logger = logging.getLogger(__name__)


def tls_verify(settings: Settings) -> ssl.SSLContext | bool:
    """What our HTTP clients verify peers with: the configured CA bundle, or the system's."""
    if settings.tls_ca_file is None:
        return True
    return ssl.create_default_context(cafile=str(settings.tls_ca_file))


class Runtime:
    """``evaluator``: where templates run (the sandbox pool unless one is handed in; a handed-in
    evaluator is the caller's to close)."""

    def __init__(self, settings: Settings, clock: Clock | None = None,
                 evaluator: Evaluator | None = None) -> None:
        self.settings = settings
        self.clock: Clock = clock or build_clock(settings.fake_clock_file)
        self.db: Database = open_database(settings.database_url, settings.pool_size)
        database.initialize(self.db)
        self.box = SecretBox(settings.secrets_key.get_secret_value())
        self._own_sandbox: sandbox.SandboxEvaluator | None = None
        if evaluator is None:
            evaluator = self._own_sandbox = sandbox.build(settings)
        self.evaluator: Evaluator = evaluator
        #: evaluation time one advance of one host run may spend in total
        self.walk_budget_s = max(5.0, 4 * settings.template_timeout_s)
        self.http = httpx.Client(timeout=settings.http_timeout_s, verify=tls_verify(settings))
        self.backend = BackendClient(settings.backend_url,
                                     settings.backend_token.get_secret_value(), self.http)
        self.huey: Any = build_huey(settings.queue_url, settings.queue_name)
        #: set when a schedule was created or resumed: the fire loop re-reads its next due time
        self.schedules_changed = threading.Event()
        #: woken when task results are stored (a dispatch waiting for stragglers listens)
        self.arrivals = Arrivals()
        self.waiters = Waiters()
        #: when this process started: a node's silence counts only once we could have heard it
        self.started = time.monotonic()
        #: what GET /metrics exposes (the latencies this process observes, counts at scrape)
        self.metrics = SchedulerMetrics(self)
        self._register_tasks()

    def __repr__(self) -> str:
        return f"<Runtime db={type(self.db).__name__} queue={self.settings.queue_name}>"

    def create_tables(self) -> list[Step]:
        """Apply the pending schema steps (``noc_scheduler.migrations``); returns those
        applied now."""
        return migrate_database(self.db)

    def _register_tasks(self) -> None:
        from noc_scheduler.dispatch import send

        @self.huey.task(name="dispatch_step")  # type: ignore[untyped-decorator]
        def dispatch_step(task_id: str) -> None:
            send.dispatch_step(self, task_id)

        @self.huey.task(name="cancel_remote")  # type: ignore[untyped-decorator]
        def cancel_remote(task_id: str, node: str) -> None:
            send.cancel_remote(self, task_id, node)

        self._dispatch_task = dispatch_step
        self._cancel_task = cancel_remote

    def enqueue_dispatch(self, task_ids: Iterable[str]) -> None:
        for task_id in task_ids:
            self._dispatch_task(task_id)

    def enqueue_cancel(self, task_id: str, node: str) -> None:
        self._cancel_task(task_id, node)

    def close(self) -> None:
        self.http.close()
        if self._own_sandbox is not None:
            self._own_sandbox.close()
        close_database(self.db)
