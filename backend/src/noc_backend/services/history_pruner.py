"""The backend's periodic history prune: a task of the app's lifespan that runs
``retention.prune_history`` in a worker thread at start and every ``history_prune_interval_s``.

Stopping waits for the prune under way to end its current batch (never a half-closed database).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

from anyio import to_thread
from peewee import Database

from noc_backend.core.config import Settings
from noc_backend.services.retention import prune_history

logger = logging.getLogger(__name__)


class HistoryPruner:
    """Prunes on its own schedule until ``stop``; does nothing when retention is 0 (forever)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._days = settings.history_retention_days
        self._batch = settings.history_prune_batch
        self._interval_s = settings.history_prune_interval_s
        self._stopping = threading.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._days == 0:
            logger.info("history retention is 0: executions are kept forever")
            return
        self._task = asyncio.create_task(self._run(), name="noc-history-pruner")

    async def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            await self._task

    def prune_once(self) -> int:
        """One whole prune (in batches) on this thread's own connection."""
        with self._db.connection_context():
            return prune_history(days=self._days, batch=self._batch, stop=self._stopping)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await to_thread.run_sync(self.prune_once)
            except Exception:
                logger.exception("history prune failed; tried again in %.0f s", self._interval_s)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval_s)
