"""``GET /metrics``: Prometheus text, for a caller presenting ``NOC_BACKEND_METRICS_TOKEN``
as a bearer token; 404 while the token is unset (the route does not exist then), 401 for a
missing or wrong token."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from peewee import Database
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from noc_backend.api.deps import Bearer, ServicesDep, access
from noc_backend.core.errors import NotFound, Unauthorized
from noc_backend.core.security import tokens_equal
from noc_backend.metrics.gauges import DatabaseGauges
from noc_backend.metrics.http import HttpMetrics

PREFIX = "noc_backend"


class BackendMetrics:
    """One app's registry: its HTTP metrics (this process) and the database gauges."""

    def __init__(self, db: Database) -> None:
        self.registry = CollectorRegistry()
        self.http = HttpMetrics(self.registry, PREFIX)
        self.registry.register(DatabaseGauges(db))

    def render(self) -> bytes:
        return generate_latest(self.registry)


@access("metrics")
def metrics_caller(request: Request, services: ServicesDep, credentials: Bearer) -> None:
    """The scraper, presenting ``NOC_BACKEND_METRICS_TOKEN`` (``request``: the signature
    ``deps._caller_refusal`` calls every access marker with)."""
    expected = services.settings.metrics_token
    if expected is None:
        raise NotFound("no such route: /metrics is off (NOC_BACKEND_METRICS_TOKEN is unset)")
    if credentials is None or not tokens_equal(credentials.credentials,
                                               expected.get_secret_value()):
        raise Unauthorized("missing or wrong metrics token")


router = APIRouter()


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(metrics_caller)])
def metrics(request: Request) -> Response:
    exposed: BackendMetrics = request.app.state.metrics
    return Response(exposed.render(), media_type=CONTENT_TYPE_LATEST)
