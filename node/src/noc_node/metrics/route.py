"""``GET /metrics``: Prometheus text, for a caller presenting ``NOC_NODE_METRICS_TOKEN`` as a
bearer token (not the node's own token: a scraper is not its scheduler); 404 while it is
unset (the route does not exist then), 401 for a missing or wrong token."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from noc_node.api.access import Bearer, access, require_token
from noc_node.core.config import Settings
from noc_node.runtime import NodeRuntime


@access("metrics")
def metrics_caller(request: Request, credentials: Bearer) -> None:
    """The scraper, presenting ``NOC_NODE_METRICS_TOKEN``."""
    settings: Settings = request.app.state.settings
    if settings.metrics_token is None:
        raise HTTPException(404, "no such route: /metrics is off (NOC_NODE_METRICS_TOKEN "
                            "is unset)")
    require_token(credentials, settings.metrics_token)


router = APIRouter()


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(metrics_caller)])
def metrics(request: Request) -> Response:
    runtime: NodeRuntime = request.app.state.runtime
    return Response(runtime.metrics.render(), media_type=CONTENT_TYPE_LATEST)
