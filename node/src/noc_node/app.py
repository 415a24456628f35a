"""``create_app(settings)``: the FastAPI app whose lifespan starts and stops the node runtime."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from noc_contracts import ErrorCode, ErrorDetail, code_for_status
from noc_contracts.body_limit import BodySizeLimit
from noc_node.api.access import Unauthorized
from noc_node.api.probe import router as probe_router
from noc_node.api.routes import TaskNotFound, protected, public
from noc_node.core.config import Settings
from noc_node.core.errors import InvalidTaskError, error_body
from noc_node.execution.executor import BaseExecutor
from noc_node.metrics.route import router as metrics_router
from noc_node.runtime import NodeRuntime

logger = logging.getLogger(__name__)


def _field(loc: tuple[int | str, ...] | list[int | str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Unauthorized)
    async def _unauthorized(_: Request, __: Unauthorized) -> JSONResponse:
        return JSONResponse(error_body(ErrorCode.unauthorized, "missing or invalid bearer token"),
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(InvalidTaskError)
    async def _invalid_task(_: Request, exc: InvalidTaskError) -> JSONResponse:
        return JSONResponse(error_body(ErrorCode.invalid_task, exc.message, exc.details),
                            status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [ErrorDetail(field=_field(err.get("loc", ())), message=str(err.get("msg", "")))
                   for err in exc.errors()]
        return JSONResponse(error_body(ErrorCode.validation_error, "invalid request", details),
                            status_code=422)

    @app.exception_handler(TaskNotFound)
    async def _not_found(_: Request, exc: TaskNotFound) -> JSONResponse:
        return JSONResponse(error_body(ErrorCode.not_found, str(exc), [
            ErrorDetail(field="task_id", message="unknown task")]), status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = code_for_status(exc.status_code, ErrorCode.http_error)
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse(error_body(ErrorCode.internal_error,
                                       "the node could not handle the request"), status_code=500)


def create_app(settings: Settings, executor: BaseExecutor | None = None) -> FastAPI:
    """The node API; ``executor`` defaults to ansible-runner (tests may pass another)."""
    runtime = NodeRuntime(settings, executor)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        runtime.start()
        try:
            yield
        finally:
            runtime.stop()

    # no /docs or /openapi.json: every route of the node declares who may call it
    app = FastAPI(title=f"noc-node {settings.name}", lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.runtime = runtime
    app.state.settings = settings
    _install_error_handlers(app)
    app.include_router(public)
    app.include_router(protected)
    app.include_router(probe_router)
    app.include_router(metrics_router)
    # outermost: an oversized body is refused before it is read or any token is checked
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app
