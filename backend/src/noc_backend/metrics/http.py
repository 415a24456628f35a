"""A pure ASGI middleware counting the requests this process answered, by method (the standard
ones, any other as ``OTHER``), route template (``/api/v1/hosts/{host_id}``, never the raw path;
``unmatched`` when no route matched) and status, with their latency, and the event streams
(``text/event-stream``) open right now. Every label takes a bounded set of values, whatever
clients send.

Latency runs to the response's start (its status and headers): every JSON route has built
its whole body by then, and a live event stream is timed to its opening, not its lifetime.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi.routing import iter_route_contexts
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the route label of a request no route matched (a 404, a 413 refused before routing)
UNMATCHED = "unmatched"
#: the method labels: any other method name (h11 accepts any token) counts as ``OTHER``, so an
#: unauthenticated client cannot grow the series by inventing methods
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "OTHER"


def method_label(method: str) -> str:
    """``method`` when it is one of ``METHODS`` (case-sensitive, as HTTP is), else ``OTHER``."""
    return method if method in METHODS else OTHER_METHOD


class HttpMetrics:
    """The request counter, the latency histogram and the open-streams gauge of one app."""

    def __init__(self, registry: CollectorRegistry, prefix: str) -> None:
        self.requests = Counter(f"{prefix}_http_requests", "HTTP requests answered, by "
                                "method, route template and status",
                                ["method", "route", "status"], registry=registry)
        self.latency = Histogram(f"{prefix}_http_request_duration_seconds", "Time from a "
                                 "request's arrival to its response's start, by route template",
                                 ["method", "route"], registry=registry)
        self.streams = Gauge(f"{prefix}_event_stream_clients", "Event streams "
                             "(text/event-stream) open in this process", registry=registry)


class RouteTemplates:
    """The path template each route object serves at, the prefixes of included routers
    included (``scope["route"]`` is the route as declared, without them)."""

    def __init__(self, routes: Any) -> None:
        self._routes = routes
        self._by_id: dict[int, str] | None = None

    def _index(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for context in iter_route_contexts(self._routes):
            route = context.original_route
            path = str(context.path)
            found[id(route)] = path
            for target in (getattr(route, "endpoint", None), getattr(route, "app", None)):
                if target is not None:  # docs pages (Route) and static files (Mount)
                    found.setdefault(id(target), path)
        return found

    def of(self, scope: Scope) -> str:
        if self._by_id is None:  # built at the first request: every route is there by then
            self._by_id = self._index()
        for key in ("route", "endpoint"):
            target = scope.get(key)
            if target is not None and id(target) in self._by_id:
                return self._by_id[id(target)]
        return UNMATCHED


class HttpMetricsMiddleware:
    """Counts every HTTP request the wrapped app answers (see the module docstring)."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics, templates: RouteTemplates) -> None:
        self.app = app
        self.metrics = metrics
        self.templates = templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        answered = streaming = False

        def observe(status: int) -> None:
            route = self.templates.of(scope)
            method = method_label(str(scope.get("method", "")))
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - began)

        async def counted_send(message: Message) -> None:
            nonlocal answered, streaming
            if message["type"] == "http.response.start" and not answered:
                answered = True
                observe(int(message["status"]))
                if any(name == b"content-type" and value.startswith(b"text/event-stream")
                       for name, value in message.get("headers") or ()):
                    streaming = True
                    self.metrics.streams.inc()
            await send(message)

        try:
            await self.app(scope, receive, counted_send)
        except BaseException:
            if not answered:  # the server answers it 500
                observe(500)
            raise
        finally:
            if streaming:
                self.metrics.streams.dec()
