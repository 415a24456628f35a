"""Several scheduler URLs behind one client: the first that answers, kept while it works.

A scale-out deployment runs several schedulers on one database and queue; the node may talk to
any. A request goes to the current URL; a connection failure (connect error or timeout: nothing
was sent) or a 502/503 (a proxy or a scheduler that did not take it) moves it to the next URL,
which stays current once it answered. A read timeout is never retried here: the scheduler may
have acted on the request, and the caller's own retry rules decide.
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Sequence

import httpx

logger = logging.getLogger(__name__)

#: answers meaning "this scheduler did not take the request, another may"
FAILOVER_STATUSES = frozenset({502, 503})


class FailoverTransport(httpx.BaseTransport):
    """Sends each request to ``urls[current]``, trying the others in turn on a connection
    failure; the client's ``base_url`` must be ``urls[0]``."""

    def __init__(self, urls: Sequence[str], inner: httpx.BaseTransport) -> None:
        if not urls:
            raise ValueError("at least one URL is needed")
        self.urls = [httpx.URL(u.rstrip("/")) for u in urls]
        self.inner = inner
        self._current = 0
        self._lock = threading.Lock()

    @property
    def current_url(self) -> str:
        return str(self.urls[self._current])

    def _to(self, request: httpx.Request, index: int) -> httpx.Request:
        """``request`` aimed at ``urls[index]`` instead of ``urls[0]`` (same path and query)."""
        base, target = self.urls[0], self.urls[index]
        path = request.url.raw_path
        prefix = base.raw_path.rstrip(b"/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix):]
        url = request.url.copy_with(scheme=target.scheme, host=target.host, port=target.port,
                                    raw_path=target.raw_path.rstrip(b"/") + path)
        headers = request.headers.copy()
        headers["Host"] = url.netloc.decode("ascii")
        return httpx.Request(request.method, url, headers=headers, stream=request.stream,
                             extensions=request.extensions)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = self._current
        count = len(self.urls)
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
            if response.status_code in FAILOVER_STATUSES and step < count - 1:
                response.close()
                logger.debug("scheduler %s answered %d", self.urls[index], response.status_code)
                continue
            if index != start:
                with self._lock:
                    self._current = index
                logger.info("talking to scheduler %s now (%s did not answer)",
                            self.urls[index], self.urls[start])
            return response
        assert failure is not None
        raise failure

    def close(self) -> None:
        self.inner.close()


def scheduler_client(urls: Sequence[str], *, verify: ssl.SSLContext | bool, timeout: float,
                     headers: dict[str, str]) -> httpx.Client:
    """One client for one or several scheduler URLs (one: a plain client, as ever)."""
    if len(urls) == 1:
        return httpx.Client(base_url=urls[0], timeout=timeout, verify=verify,
                            headers=headers)
    transport = FailoverTransport(urls, httpx.HTTPTransport(verify=verify))
    return httpx.Client(base_url=urls[0], timeout=timeout, headers=headers, transport=transport)
