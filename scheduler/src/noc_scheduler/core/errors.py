"""The scheduler's exception tree.

SchedulerError
 +-- ConfigError        settings missing or invalid (names the env var)
 +-- ApiError           a request we refuse: HTTP status, code, message, details
 +-- BackendError       the backend refused (status + details) or could not be reached
"""

from __future__ import annotations

from noc_contracts import ErrorCode, ErrorDetail


class SchedulerError(Exception):
    """Base of every error the scheduler raises on purpose."""


class ConfigError(SchedulerError):
    pass


class ApiError(SchedulerError):
    """Answered as the standard error body with ``status``."""

    def __init__(self, status: int, code: ErrorCode, message: str,
                 details: list[ErrorDetail] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}


class BackendError(SchedulerError):
    """The backend answered 4xx (``status`` set) or could not be reached (``status`` None)."""

    def __init__(self, message: str, status: int | None = None,
                 details: list[ErrorDetail] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.details = details or []
