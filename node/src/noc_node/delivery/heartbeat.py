"""Tells the scheduler every ``HEARTBEAT_S`` that this node is alive, its load, and what it lost."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx

from noc_contracts import NodeHeartbeat
from noc_node.delivery.backoff import doubling_delay
from noc_node.delivery.loops import ServiceThread
from noc_node.tasks.store import TaskStore

logger = logging.getLogger(__name__)

HEARTBEAT_PATH = "/internal/v1/nodes/heartbeat"


class Heartbeat(ServiceThread):
    """Posts a NodeHeartbeat; lost task ids are re-sent until one heartbeat is acknowledged.

    A heartbeat that is not acknowledged is tried again sooner (``retry_s``, doubling up to
    the interval), so a node started before its scheduler takes work as soon as it answers.
    """

    name = "heartbeat"

    def __init__(self, client: httpx.Client, interval_s: float, tasks: TaskStore,
                 snapshot: Callable[[], NodeHeartbeat],
                 confirm: Callable[[], None] | None = None, retry_s: float = 0.25) -> None:
        super().__init__()
        self.client = client
        self.interval_s = interval_s
        self.retry_s = retry_s
        self.tasks = tasks
        self.snapshot = snapshot
        self.confirm = confirm
        self.failures = 0  # heartbeats not acknowledged in a row

    def beat(self) -> bool:
        """Send one heartbeat; True when the scheduler acknowledged it.

        ``lost_task_ids`` names only tasks confirmed gone (``confirm`` retries the others).
        """
        if self.confirm is not None:
            self.confirm()
        lost = self.tasks.unreported_lost()
        body = self.snapshot().model_copy(update={"lost_task_ids": lost})
        try:
            response = self.client.post(HEARTBEAT_PATH, json=body.model_dump(mode="json"))
            ok = response.is_success
            why = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            ok, why = False, type(exc).__name__
        if ok:
            self.tasks.mark_lost_reported(lost)
            if self.failures:
                logger.info("heartbeats acknowledged again")
        elif not self.failures:
            logger.warning("heartbeat not acknowledged by the scheduler (%s)", why)
        self.failures = 0 if ok else self.failures + 1
        return ok

    def tick(self) -> float:
        if self.beat():
            return self.interval_s
        return doubling_delay(self.retry_s, self.failures - 1, self.interval_s)
