"""Who may call each route: every route depends on exactly one access marker (``noc_access``).

``require_scheduler`` ("scheduler") lets in only the holder of this node's token, which only
its scheduler has; ``public_access`` ("public") marks the one route anyone may call, /healthz.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from noc_node.core.config import Settings

F = TypeVar("F", bound=Callable[..., None])

_bearer = HTTPBearer(auto_error=False)
#: the request's bearer credentials, if any
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


class Unauthorized(Exception):
    """Missing or wrong bearer token (answered 401 with the standard error body)."""


def access(kind: str) -> Callable[[F], F]:
    """Mark a dependency as the route's access declaration (walked by the route tests)."""
    def mark(dependency: F) -> F:
        setattr(dependency, "noc_access", kind)  # noqa: B010 - a plain attribute, for tests
        return dependency
    return mark


def require_token(credentials: HTTPAuthorizationCredentials | None, expected: SecretStr) -> None:
    """``Unauthorized`` unless the bearer token is ``expected`` (compared in constant time)."""
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(),
                                                      expected.get_secret_value().encode()):
        raise Unauthorized


@access("scheduler")
def require_scheduler(request: Request, credentials: Bearer) -> None:
    """Only the scheduler holding this node's token may call it."""
    settings: Settings = request.app.state.settings
    require_token(credentials, settings.token)


@access("public")
def public_access() -> None:
    """Anyone may call the route (liveness only: it tells nothing about the node's work)."""
