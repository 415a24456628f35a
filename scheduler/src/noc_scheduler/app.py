"""``create_app(settings)``: the REST API plus, for its lifetime, the Huey consumer threads,
the maintenance, fire, event and retention loops (started and stopped in the lifespan)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from noc_contracts.body_limit import BodySizeLimit
from noc_scheduler.api import errors, offline_docs
from noc_scheduler.api.main import api_router
from noc_scheduler.core.config import Settings
from noc_scheduler.dispatch.queue import build_consumer
from noc_scheduler.events.pump import EventPump
from noc_scheduler.flow.evaluator import Evaluator
from noc_scheduler.metrics.route import router as metrics_router
from noc_scheduler.runs.maintenance import MaintenanceLoop
from noc_scheduler.runtime import Runtime
from noc_scheduler.schedules.fire_loop import FireLoop
from noc_scheduler.store.retention import RetentionLoop

logger = logging.getLogger(__name__)


def create_app(settings: Settings, *, background: bool = True,
               evaluator: Evaluator | None = None) -> FastAPI:
    """The scheduler app; ``background=False`` serves the API only (no consumer, no loop).

    ``evaluator``: where templates run (default: this app's own sandbox worker pool).
    """
    runtime = Runtime(settings, evaluator=evaluator)
    runtime.create_tables()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if not background:
            yield
            runtime.close()
            return
        consumer = build_consumer(runtime.huey, settings.workers)
        loop = MaintenanceLoop(runtime)
        fires = FireLoop(runtime)
        pump = EventPump(runtime)
        retention = RetentionLoop(runtime)
        consumer.start()
        loop.start()
        fires.start()
        pump.start()
        retention.start()
        logger.info("scheduler started: %d workers, queue %s", settings.workers,
                    settings.queue_name)
        try:
            yield
        finally:
            retention.stop()
            fires.stop()
            loop.stop()
            consumer.stop(graceful=True)
            pump.stop()
            runtime.close()
            logger.info("scheduler stopped")

    app = FastAPI(title="noc-scheduler", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.runtime = runtime
    errors.install(app)
    app.include_router(api_router)
    app.include_router(metrics_router)
    offline_docs.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app
