"""Several scheduler URLs behind one client: the first that answers, kept while it works.

A scale-out deployment runs several schedulers on one database and queue; a client may talk to
any. A request goes to the current URL; a connection failure (connect error or timeout: nothing
was sent) moves it to the next URL, and so does a 502/503 that is not a scheduler's own answer
(no error body of ours: a proxy in front of a scheduler that is down). A scheduler's own 502/503
(a node it could not reach, say) is its answer and is returned as is: sending the request to
another scheduler would do the work twice. The URL that answered stays current. A read timeout
is never retried here: the scheduler may have acted on the request.

This module is the same text in ``noc_node.delivery.failover`` and
``noc_backend.scheduler_failover`` (the layers share no HTTP code, and contracts does no I/O);
``tests/contracts/test_layer_copies.py`` keeps the two equal.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Sequence

import httpx

logger = logging.getLogger(__name__)

#: answers that may come from a proxy whose scheduler is down
FAILOVER_STATUSES = frozenset({502, 503})


def _own_answer(response: httpx.Response) -> bool:
    """Whether a scheduler wrote this answer (our error body), not a proxy."""
    try:
        body = json.loads(response.read())
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), dict) \
        and "code" in body["error"]


class FailoverTransport(httpx.BaseTransport):
    """Sends each request to ``urls[current]``, trying the others in turn when it cannot be
    delivered; the client's ``base_url`` must be ``urls[0]``."""

    def __init__(self, urls: Sequence[str], inner: httpx.BaseTransport) -> None:
        if not urls:
            raise ValueError("at least one URL is needed")
        self.urls = [httpx.URL(u.rstrip("/")) for u in urls]
        self.inner = inner
        self._current = 0

    def _to(self, request: httpx.Request, index: int) -> httpx.Request:
        """``request`` aimed at ``urls[index]`` instead of ``urls[0]`` (same path and query)."""
        base, target = self.urls[0], self.urls[index]
        path, prefix = request.url.raw_path, base.raw_path.rstrip(b"/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix):]
        url = request.url.copy_with(scheme=target.scheme, host=target.host, port=target.port,
                                    raw_path=target.raw_path.rstrip(b"/") + path)
        headers = request.headers.copy()
        headers["Host"] = url.netloc.decode("ascii")
        return httpx.Request(request.method, url, headers=headers, stream=request.stream,
                             extensions=request.extensions)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start, count = self._current, len(self.urls)
        failure: httpx.TransportError | None = None
        for step in range(count):
            index = (start + step) % count
            try:
                response = self.inner.handle_request(self._to(request, index))
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                logger.debug("scheduler %s unreachable (%s)", self.urls[index],
                             type(exc).__name__)
                failure = exc
                continue
            if (response.status_code in FAILOVER_STATUSES and step < count - 1
                    and not _own_answer(response)):
                response.close()
                logger.debug("scheduler %s answered %d", self.urls[index], response.status_code)
                continue
            if index != start:
                self._current = index
                logger.warning("talking to scheduler %s now (%s did not answer)",
                               self.urls[index], self.urls[start])
            return response
        assert failure is not None
        raise failure

    def close(self) -> None:
        self.inner.close()


def scheduler_client(urls: Sequence[str], *, verify: ssl.SSLContext | bool, timeout: float,
                     headers: dict[str, str],
                     transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """One client for one or several scheduler URLs (one: a plain client, as ever);
    ``transport`` stands in for the network (tests)."""
    if len(urls) > 1:
        transport = FailoverTransport(urls, transport or httpx.HTTPTransport(verify=verify))
    return httpx.Client(base_url=urls[0], timeout=timeout, verify=verify, headers=headers,
                        transport=transport)
