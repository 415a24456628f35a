"""The node's executor: notifications run natively, every other task type with Ansible."""

from __future__ import annotations

import threading
from datetime import datetime

from noc_contracts import CATALOGUE, TaskKind, TaskRequest
from noc_node.ansible.modules import validate_params
from noc_node.execution.executor import BaseExecutor, Reporter
from noc_node.execution.outcomes import RunEnd


class RoutingExecutor(BaseExecutor):
    """Sends each request to the executor for its task type's kind."""

    def __init__(self, ansible: BaseExecutor, native: BaseExecutor) -> None:
        self.ansible = ansible
        self.native = native

    def _run(self, request: TaskRequest, report: Reporter, cancel: threading.Event,
             started_at: datetime) -> RunEnd:
        validate_params(request.task_type, request.params)
        kind = CATALOGUE[request.task_type].kind
        target = self.native if kind is TaskKind.notification else self.ansible
        return target._run(request, report, cancel, started_at)
