"""Request dependencies: the runtime, the backend's token, the calling node."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from noc_scheduler import nodes
from noc_scheduler.core.errors import ApiError
from noc_scheduler.models import Node
from noc_scheduler.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "missing bearer token")
    return token.strip()


def require_api_token(request: Request, rt: RuntimeDep) -> None:
    """The backend's token (``API_TOKEN``), compared in constant time."""
    expected = rt.settings.api_token.get_secret_value()
    if not hmac.compare_digest(_bearer(request).encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "invalid token")


def current_node(request: Request, rt: RuntimeDep) -> Node:
    """The registered node whose token the caller presents."""
    token = _bearer(request)
    with rt.db.connection_context():
        node = nodes.by_token(token)
    if node is None:
        raise ApiError(401, "unauthorized", "invalid node token")
    return node


ApiAuth = Depends(require_api_token)
CurrentNode = Annotated[Node, Depends(current_node)]
