"""Request dependencies: the runtime, and who may call each route.

Every route depends on exactly one access marker (a dependency with a ``noc_access``
attribute, walked by the route tests): ``require_backend`` ("backend": the backend's
``API_TOKEN``), ``current_node`` ("node": a registered node's token), ``public_access``
("public": /healthz only). A refused token answers 401 with ``WWW-Authenticate: Bearer``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from pydantic import SecretStr

from noc_contracts import ErrorCode
from noc_scheduler.core.errors import ApiError
from noc_scheduler.nodes import registry
from noc_scheduler.runtime import Runtime
from noc_scheduler.store.models import Node

F = TypeVar("F", bound=Callable[..., object])


def access(kind: str) -> Callable[[F], F]:
    """Mark a dependency as the route's access declaration."""
    def mark(dependency: F) -> F:
        setattr(dependency, "noc_access", kind)  # noqa: B010 - a plain attribute, for tests
        return dependency
    return mark


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def unauthorized(message: str) -> ApiError:
    return ApiError(401, ErrorCode.unauthorized, message, headers={"WWW-Authenticate": "Bearer"})


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("missing bearer token")
    return token.strip()


def require_token(request: Request, expected: SecretStr, refused: str) -> None:
    """A 401 (``refused``) unless the bearer token is ``expected``, compared in constant time."""
    if not hmac.compare_digest(_bearer(request).encode(), expected.get_secret_value().encode()):
        raise unauthorized(refused)


@access("backend")
def require_backend(request: Request, rt: RuntimeDep) -> None:
    """The backend's token (``API_TOKEN``)."""
    require_token(request, rt.settings.api_token, "invalid token")


@access("node")
def current_node(request: Request, rt: RuntimeDep) -> Node:
    """The registered node whose token the caller presents."""
    token = _bearer(request)
    with rt.db.connection_context():
        node = registry.by_token(token)
    if node is None:
        raise unauthorized("invalid node token")
    return node


@access("public")
def public_access() -> None:
    """Anyone may call the route (liveness only: it tells nothing about the scheduler's work)."""


BackendAuth = Depends(require_backend)
PublicAccess = Depends(public_access)
CurrentNode = Annotated[Node, Depends(current_node)]
