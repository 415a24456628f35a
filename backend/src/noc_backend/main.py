"""``create_app(settings)``: the backend's FastAPI application, its database and its clients."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from anyio import CapacityLimiter
from fastapi import FastAPI

from noc_backend.api import offline_docs
from noc_backend.api.deps import Services, caller_refusal
from noc_backend.api.main import API_V1, root_router
from noc_backend.auth.throttle import Limits, LoginThrottle
from noc_backend.core.config import Settings
from noc_backend.core.db import close_database, open_database
from noc_backend.core.errors import install_error_handlers
from noc_backend.core.security import Passwords, SecretBox
from noc_backend.metrics.http import HttpMetricsMiddleware, RouteTemplates
from noc_backend.metrics.route import BackendMetrics
from noc_backend.metrics.route import router as metrics_router
from noc_backend.scheduler_client import SchedulerClient
from noc_backend.services.history_pruner import HistoryPruner
from noc_backend.services.users import ensure_admin
from noc_contracts.body_limit import BodySizeLimit

logger = logging.getLogger(__name__)

#: threads for the scheduler's calls back (``/internal``), apart from the public routes' pool
CALLBACK_THREADS = 16


def create_app(settings: Settings,
               scheduler_transport: httpx.BaseTransport | None = None) -> FastAPI:
    """Open the database (creating tables and the bootstrap admin) and build the app.

    ``scheduler_transport`` replaces the network under the scheduler client (tests only).
    """
    db = open_database(settings.database_url)
    passwords = Passwords.from_settings(settings)
    if settings.bootstrap_admin_password is not None:
        with db.connection_context():
            ensure_admin(password=settings.bootstrap_admin_password.get_secret_value(),
                         passwords=passwords)
    if settings.internal_token is None:
        logger.warning("NOC_BACKEND_INTERNAL_TOKEN is not set: the scheduler cannot call in")
    services = Services(settings=settings, db=db, passwords=passwords,
                        box=SecretBox.from_settings(settings),
                        scheduler=SchedulerClient(settings, transport=scheduler_transport),
                        throttle=LoginThrottle(Limits(
                            per_username=settings.login_max_failures_per_user,
                            per_address=settings.login_max_failures_per_address,
                            window_s=settings.login_window_s)),
                        callback_threads=CapacityLimiter(CALLBACK_THREADS))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pruner = HistoryPruner(db, settings)
        pruner.start()
        yield
        await pruner.stop()
        services.scheduler.close()
        close_database(db)

    app = FastAPI(title="noc-orchestrator backend", version="1.0",
                  description="Public REST API v1 of noc-orchestrator.", lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.services = services
    app.state.metrics = metrics = BackendMetrics(db)
    install_error_handlers(app, caller_check=caller_refusal)
    # outside every route: an oversized body is refused unread, before any token is checked
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes,
                       overrides={f"{API_V1}/inventory/import": settings.max_import_bytes})
    app.include_router(root_router)
    app.include_router(metrics_router)
    offline_docs.install(app)
    # outermost: every answer is counted, a 413 refused before routing too
    app.add_middleware(HttpMetricsMiddleware, metrics=metrics.http,
                       templates=RouteTemplates(app.routes))
    return app
