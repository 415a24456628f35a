"""The backend's exceptions and the handlers that turn every failure into the one error shape.

    BackendError (status, code, message, details)
     +-- Unauthorized 401   +-- Forbidden 403   +-- NotFound 404   +-- Conflict 409
     +-- Invalid 422        +-- UpstreamError (the scheduler's own status)
     +-- SchedulerUnavailable 503   +-- TooManyRequests 429   +-- Busy 503
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from peewee import DataError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from noc_contracts import ErrorBody, ErrorCode, ErrorDetail, ErrorResponse, code_for_status

logger = logging.getLogger(__name__)

_LOCATIONS = {"body", "query", "path", "header", "cookie"}
_NODE_TYPES = {"task", "decision", "loop", "wait", "end"}


class BackendError(Exception):
    """A failure the client is told about: HTTP status, a stable code, a sentence, details."""

    status_code = 400
    code: ErrorCode = ErrorCode.bad_request

    def __init__(self, message: str, details: Sequence[ErrorDetail] = (), *,
                 code: ErrorCode | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)
        if code is not None:
            self.code = code
        self.headers = headers

    @classmethod
    def on_field(cls, field: str, message: str, **kwargs: Any) -> BackendError:
        """The error for one offending field, its message repeated in the detail."""
        return cls(message, [ErrorDetail(field=field, message=message)], **kwargs)


class Unauthorized(BackendError):
    status_code, code = 401, ErrorCode.unauthorized

    def __init__(self, message: str = "missing, unknown or expired token") -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(BackendError):
    status_code, code = 403, ErrorCode.forbidden


class NotFound(BackendError):
    status_code, code = 404, ErrorCode.not_found


class Conflict(BackendError):
    status_code, code = 409, ErrorCode.conflict


class Invalid(BackendError):
    status_code, code = 422, ErrorCode.invalid


class UpstreamError(BackendError):
    """A 4xx from the scheduler, passed through with its own status."""

    def __init__(self, status_code: int, message: str, details: Sequence[ErrorDetail] = (),
                 *, code: ErrorCode = ErrorCode.scheduler_rejected) -> None:
        super().__init__(message, details, code=code)
        self.status_code = status_code


class SchedulerUnavailable(BackendError):
    status_code, code = 503, ErrorCode.scheduler_unavailable


class TooManyRequests(BackendError):
    """Throttled: ``Retry-After`` says when to try again."""

    status_code, code = 429, ErrorCode.too_many_requests

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after_s)})


class Busy(BackendError):
    """A bounded resource (password hashing) stayed full: retry shortly."""

    status_code, code = 503, ErrorCode.busy

    def __init__(self, message: str, retry_after_s: int = 1) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after_s)})


def error_response(status: int, code: ErrorCode, message: str,
                   details: Sequence[ErrorDetail] = (),
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=list(details)))
    return JSONResponse(status_code=status, headers=dict(headers) if headers else None,
                        content=body.model_dump(mode="json", exclude_none=True))


def validation_details(errors: Sequence[Any], body: Any = None) -> list[ErrorDetail]:
    """Pydantic errors as details: ``field`` is the dotted location without ``body``."""
    details = []
    for err in errors:
        loc = list(err.get("loc", ()))
        if loc and loc[0] in _LOCATIONS:
            loc = loc[1:]
        if err.get("type") == "json_invalid":
            details.append(ErrorDetail(field="body", message="malformed JSON: "
                                       + str(err.get("ctx", {}).get("error", "invalid"))))
            continue
        node = None
        for i in range(1, len(loc)):
            if loc[i - 1] == "nodes" and isinstance(loc[i], int):
                if i + 1 < len(loc) and loc[i + 1] in _NODE_TYPES:
                    del loc[i + 1]  # the union tag pydantic puts after nodes.N
                node = _node_id(body, loc[: i + 1])
                break
        details.append(ErrorDetail(field=".".join(str(p) for p in loc) or "body", node=node,
                                   message=str(err.get("msg", "invalid value"))))
    return details


def not_found_in_path(errors: Sequence[Any]) -> str | None:
    """A path parameter no row can have (an id out of range, not a number, a bad name) means
    the URL names nothing: the 404 message, or None when every path parameter is valid."""
    for err in errors:
        loc = list(err.get("loc", ()))
        if len(loc) >= 2 and loc[0] == "path":
            shown = str(err.get("input", ""))[:64]
            return f"no {loc[1]} '{shown}'"
    return None


def _node_id(body: Any, path: Sequence[Any]) -> str | None:
    """The ``id`` of the graph node at ``path`` in the raw request body, if it has one."""
    current = body
    for part in path:
        if isinstance(current, dict) and isinstance(part, str):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            return None
    node_id = current.get("id") if isinstance(current, dict) else None
    return node_id if isinstance(node_id, str) else None


async def _backend_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BackendError)
    return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)


#: who may call the matched route, asked before a 422 is answered (None: the caller may)
CallerCheck = Callable[[Request], Awaitable["BackendError | None"]]


def _request_validation_for(check: CallerCheck | None) -> Callable[
        [Request, Exception], Awaitable[JSONResponse]]:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        # FastAPI parses the JSON body before it solves the route's dependencies: a caller
        # who may not call the route is told so first, never about a body it may not send
        if check is not None and (refusal := await check(request)) is not None:
            return await _backend_error(request, refusal)
        return await _request_validation(request, exc)
    return handle


async def _request_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    missing = not_found_in_path(exc.errors())
    if missing is not None:
        return error_response(404, ErrorCode.not_found, missing)
    details = validation_details(exc.errors(), exc.body)
    return error_response(422, ErrorCode.invalid, "the request is not valid", details)


async def _http_exception(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = code_for_status(exc.status_code, ErrorCode.error)
    return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def _integrity(_: Request, exc: Exception) -> JSONResponse:
    # the driver's message names the constraint; stored secrets are ciphertext, never in it
    logger.warning("integrity conflict: %s", exc)
    return error_response(409, ErrorCode.conflict,
                          "the change conflicts with another one made at the same time; retry")


async def _data_error(_: Request, exc: Exception) -> JSONResponse:
    logger.warning("database refused a value: %s", exc)
    return error_response(422, ErrorCode.invalid,
                          "a value is out of the range the database accepts")


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
    return error_response(500, ErrorCode.internal, "internal error; see the backend log")


def install_error_handlers(app: FastAPI, caller_check: CallerCheck | None = None) -> None:
    """Make every failure answer ``{"error": {code, message, details}}``.

    ``caller_check`` refuses a caller before a request validation error is reported.
    """
    app.add_exception_handler(BackendError, _backend_error)
    app.add_exception_handler(RequestValidationError, _request_validation_for(caller_check))
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(Exception, _unexpected)
