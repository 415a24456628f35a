"""Runs task requests: the ``BaseExecutor`` seam and its one real implementation, ansible-runner.

``BaseExecutor.execute`` is the single outcome handler: whatever a subclass does or raises,
every host of the request gets exactly one ``HostResult``, reported as soon as it is known.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime

from noc_contracts import HostResult, StepStatus, TaskRequest
from noc_node.core.errors import InvalidTaskError
from noc_node.execution.outcomes import RunEnd, for_missing, now

logger = logging.getLogger(__name__)

#: receives host results as they become known (one or several at a time)
Reporter = Callable[[list[HostResult]], None]


class BaseExecutor(ABC):
    """Runs one request over its hosts; subclasses implement ``_run``."""

    @abstractmethod
    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        """Run the request, calling ``report`` per host; return what unreported hosts get."""

    def execute(self, request: TaskRequest, report: Reporter,
                cancel: threading.Event | None = None) -> list[HostResult]:
        """Run ``request``; every host is reported exactly once. Returns all results."""
        cancel = cancel or threading.Event()
        started_at = now()
        seen: dict[str, HostResult] = {}
        lock = threading.Lock()

        def once(results: list[HostResult]) -> None:
            with lock:
                fresh = [r for r in results if r.host not in seen]
                seen.update((r.host, r) for r in fresh)
            if fresh:
                report(fresh)

        try:
            if cancel.is_set():
                end = RunEnd(StepStatus.cancelled, "task cancelled before it started")
            else:
                end = self._run(request, once, cancel, started_at)
        except InvalidTaskError as exc:
            end = RunEnd(StepStatus.error, f"{exc.message}: "
                         + "; ".join(f"{d.field}: {d.message}" for d in exc.details))
        except Exception as exc:
            logger.exception("task %s failed to run", request.task_id)
            end = RunEnd(StepStatus.error, f"the node could not run the task: {type(exc).__name__}")
        missing = [h.name for h in request.hosts if h.name not in seen]
        if missing:
            once(for_missing(missing, end, started_at))
        return [seen[h.name] for h in request.hosts if h.name in seen]
