"""Runs notification task types natively: one message per request, its outcome for every host.

The scheduler never batches notifications, so a request has one host in practice; the text
was already rendered by the scheduler with that host's execution context. A check-mode run
sends nothing and says so.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from noc_contracts import HostResult, StepStatus, TaskRequest
from noc_node.ansible.modules import validate_params
from noc_node.core.config import Settings
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import RunEnd, now
from noc_node.notify.email import send_email
from noc_node.notify.errors import NotificationError
from noc_node.notify.telegram import send_telegram

logger = logging.getLogger(__name__)


class NotificationExecutor(BaseExecutor):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _send(self, task_type: str, params: dict[str, Any]) -> dict[str, Any]:
        if task_type == "email":
            return send_email(self.settings, params["to"], params["subject"], params["body"])
        if task_type == "telegram":
            return send_telegram(self.settings, params["text"], params.get("chat_id"))
        raise NotificationError(f"'{task_type}' is not a notification this node can send")

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        params = validate_params(request.task_type, request.params).model_dump(mode="json")
        status, msg, facts = StepStatus.ok, "sent", {}
        if request.check_mode:
            msg = "check mode: not sent"
        else:
            try:
                facts = self._send(request.task_type, params)
            except NotificationError as exc:
                status, msg = StepStatus.failed, str(exc)
                logger.warning("task %s: %s not sent: %s", request.task_id,
                               request.task_type, msg)
        finished = now()
        report([HostResult(host=h.name, status=status, msg=msg, facts=facts,
                           started_at=started_at, finished_at=finished) for h in request.hosts])
        return RunEnd(status, msg)
