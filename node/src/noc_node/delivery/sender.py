"""Delivers the outbox to the scheduler, retrying with backoff until it is acknowledged.

2xx: delivered. 401, 408, 429, 5xx and network errors: retried later. Any other 4xx is final:
the scheduler will never take that result, so it is logged once and dropped. The host results
of one task waiting together go as one message (``outbox.coalesce``): one POST, one
transaction on the scheduler, however many hosts reported one by one. A merged message refused
for good is sent again item by item, so only the result the scheduler refuses is dropped.
"""

from __future__ import annotations

import logging

import httpx

from noc_node.delivery.backoff import doubling_delay
from noc_node.delivery.loops import ServiceThread
from noc_node.delivery.outbox import PAGE, Outbox, Pending, coalesce

logger = logging.getLogger(__name__)

RESULTS_PATH = "/internal/v1/results"
RETRYABLE_4XX = frozenset({401, 408, 429})
IDLE_S = 1.0


class ResultSender(ServiceThread):
    """One thread draining the outbox in order."""

    name = "result-sender"

    def __init__(self, outbox: Outbox, client: httpx.Client, retry_base_s: float = 1.0,
                 retry_max_s: float = 60.0) -> None:
        super().__init__()
        #: messages put off (not acknowledged) since the sender started
        self.put_off = 0
        self.outbox = outbox
        self.client = client
        self.retry_base_s = retry_base_s
        self.retry_max_s = retry_max_s

    def backoff(self, attempts: int) -> float:
        return doubling_delay(self.retry_base_s, attempts, self.retry_max_s)

    def _retry(self, item: Pending, why: str) -> None:
        self.put_off += 1
        delay = self.backoff(item.attempts)
        log = logger.warning if item.attempts == 0 else logger.debug
        log("result for task %s not delivered (%s); retrying in %.1fs", item.task_id, why, delay)
        self.outbox.retry_later(item.ids, delay)

    def deliver(self, item: Pending) -> bool:
        """One attempt; False when the scheduler could not be reached at all."""
        try:
            response = self.client.post(RESULTS_PATH, content=item.body,
                                        headers={"Content-Type": "application/json"})
        except httpx.HTTPError as exc:
            self._retry(item, type(exc).__name__)
            return False
        code = response.status_code
        if 200 <= code < 300:
            if item.attempts:
                logger.info("result for task %s delivered after %d retries", item.task_id,
                            item.attempts)
            self.outbox.remove(item.ids)
        elif 400 <= code < 500 and code not in RETRYABLE_4XX and item.parts:
            logger.warning("scheduler refused %d merged results for task %s (HTTP %d); "
                           "sending them one by one", len(item.parts), item.task_id, code)
            return all(self.deliver(part) for part in item.parts)
        elif 400 <= code < 500 and code not in RETRYABLE_4XX:
            logger.error("scheduler refused the result for task %s for good (HTTP %d): %s",
                         item.task_id, code, response.text[:500])
            self.outbox.remove(item.ids)
        else:
            self._retry(item, f"HTTP {code}")
        return True

    def deliver_due(self) -> int:
        """Try every due message once, page after page while the scheduler takes them all
        (stopping at the first network error, and after a page with a message put off: a
        failing scheduler is not sent the whole backlog at once); how many were tried (the
        items of one task count as one message)."""
        tried = 0
        while True:
            items, put_off = self.outbox.due(PAGE), self.put_off
            for item in coalesce(items):
                tried += 1
                if not self.deliver(item):
                    return tried
            if len(items) < PAGE or self.put_off != put_off:
                return tried

    def tick(self) -> float:
        self.deliver_due()
        return min(IDLE_S, self.retry_base_s)
