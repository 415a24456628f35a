"""``GET /metrics``: Prometheus text, for a caller presenting ``NOC_SCHEDULER_METRICS_TOKEN``
as a bearer token; 404 while the token is unset (the route does not exist then), 401 for a
missing or wrong token."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from noc_contracts import ErrorCode
from noc_scheduler.api.deps import RuntimeDep, access, require_token
from noc_scheduler.core.errors import ApiError


@access("metrics")
def metrics_caller(request: Request, rt: RuntimeDep) -> None:
    """The scraper, presenting ``NOC_SCHEDULER_METRICS_TOKEN``."""
    expected = rt.settings.metrics_token
    if expected is None:
        raise ApiError(404, ErrorCode.not_found, "no such route: /metrics is off "
                       "(NOC_SCHEDULER_METRICS_TOKEN is unset)")
    require_token(request, expected, "wrong metrics token")


router = APIRouter()


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(metrics_caller)])
def metrics(rt: RuntimeDep) -> Response:
    return Response(rt.metrics.render(), media_type=CONTENT_TYPE_LATEST)
