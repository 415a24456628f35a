"""What can go wrong talking to the backend, as sentences a person can act on.

    ApiError
     +-- ServerUnreachable      nothing answers at the URL (down, wrong address, refused TLS)
     +-- RequestTimedOut        the server took too long
     +-- ProtocolError          the answer is not the API's (a proxy, another program)
     +-- ClientClosed           the client was closed (logged out): nothing can be sent now
     +-- HttpError              the API refused: status, stable ``code``, message, details
          +-- Unauthorized 401  missing, expired or revoked token: log in again
          +-- Forbidden 403     the role lacks the permission
          +-- NotFound 404
          +-- Conflict 409
          +-- Invalid 422       the details name each offending field or flowchart node
"""

from __future__ import annotations

from noc_contracts import ErrorDetail


class ApiError(Exception):
    """Any failure of a call to the backend."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServerUnreachable(ApiError):
    pass


class RequestTimedOut(ApiError):
    pass


class ProtocolError(ApiError):
    pass


class ClientClosed(ApiError):
    pass


class HttpError(ApiError):
    """The API answered with an error body (or at least an error status)."""

    def __init__(self, status: int, code: str, message: str,
                 details: list[ErrorDetail] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details or []

    def field_messages(self) -> dict[str, str]:
        """Each offending field or node (``field`` or ``node``) -> its message."""
        return {(d.field or d.node or ""): d.message for d in self.details}

    def __str__(self) -> str:
        if not self.details:
            return self.message
        parts = [f"{d.field or d.node}: {d.message}" if (d.field or d.node) else d.message
                 for d in self.details]
        return f"{self.message} ({'; '.join(parts)})"


class Unauthorized(HttpError):
    pass


class Forbidden(HttpError):
    pass


class NotFound(HttpError):
    pass


class Conflict(HttpError):
    pass


class Invalid(HttpError):
    pass


_BY_STATUS: dict[int, type[HttpError]] = {401: Unauthorized, 403: Forbidden, 404: NotFound,
                                          409: Conflict, 422: Invalid}


def http_error(status: int, code: str, message: str,
               details: list[ErrorDetail] | None = None) -> HttpError:
    """The most specific ``HttpError`` for ``status``."""
    return _BY_STATUS.get(status, HttpError)(status, code, message, details)
